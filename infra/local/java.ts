import { spawnSync } from 'node:child_process';

/** DynamoDB Local needs Java 17 or newer. */
export const minimumJava = 17;

/** The major version of `java` on the PATH, or undefined when there is none. */
export function javaMajorVersion(): number | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return undefined;
  const major = Number(match[1]);
  // Java 8 and older call themselves 1.8.
  return major === 1 ? Number(match[2]) : major;
}

export function javaAdvice(found: number | undefined): string {
  const problem =
    found === undefined
      ? 'Java was not found on your PATH.'
      : `Java ${found} was found, but DynamoDB Local needs Java ${minimumJava} or newer.`;
  return `${problem}
The local cloud runs AWS's DynamoDB Local, a Java program. Install Java ${minimumJava}+ and try again:

  Debian/Ubuntu:  sudo apt-get install default-jre-headless
  macOS:          brew install openjdk@17
  Windows:        https://adoptium.net/temurin/releases/?version=17
`;
}
