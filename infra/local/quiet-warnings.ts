/**
 * The AWS SDK warns on every start that future versions need Node.js 22. Lambda runs Node.js 24,
 * where the warning never shows, so locally it is only noise: drop that one, print the rest.
 */
export function hideNodeVersionWarning(): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'NodeVersionSupportWarning') return;
    process.stderr.write(`${warning.name}: ${warning.message}\n`);
  });
}
