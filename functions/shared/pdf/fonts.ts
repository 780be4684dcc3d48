import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The fonts PDFs embed: Noto Sans for Latin, Greek and Cyrillic, Noto Sans KR for Hangul, Noto
 * Sans SC for Chinese. pdfkit's built-in standard fonts are never used: they know no Greek or
 * Hangul, and they are read from files a bundle does not carry. pdfkit embeds only the glyphs a
 * document uses (a subset), so a PDF stays small though the CJK fonts are 6 and 10 MB.
 *
 * Where the files are: a Lambda bundle carries them in a `fonts/` folder next to it (copied when
 * bundling); in development they come from the npm packages. Each file is read once per process,
 * and only when a document needs it.
 */

export type FontFace = 'latin' | 'latin-bold' | 'korean' | 'chinese';

/** The font file of each face, by package and path, and its file name in a bundle's `fonts/`. */
export const fontFiles: Record<FontFace, { module: string; file: string }> = {
  latin: {
    module: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    file: 'NotoSans_400Regular.ttf',
  },
  'latin-bold': {
    module: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
    file: 'NotoSans_700Bold.ttf',
  },
  korean: {
    module: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
    file: 'NotoSansKR_400Regular.ttf',
  },
  chinese: {
    module: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
    file: 'NotoSansSC_400Regular.ttf',
  },
};

const loaded = new Map<FontFace, Buffer>();

function locate(face: FontFace): string {
  const { module, file } = fontFiles[face];
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, 'fonts', file);
  if (existsSync(bundled)) return bundled;
  try {
    return createRequire(import.meta.url).resolve(module);
  } catch {
    throw new Error(`Font ${file} is neither in ${join(here, 'fonts')} nor installed (${module})`);
  }
}

/** The font file's bytes, read on first use. */
export function fontData(face: FontFace): Buffer {
  let data = loaded.get(face);
  if (!data) {
    data = readFileSync(locate(face));
    loaded.set(face, data);
  }
  return data;
}

const hangul = /\p{Script=Hangul}/u;
const chinese =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;
/** Characters every face draws (ASCII digits, spaces, punctuation): they join the run they are in. */
const neutral = /^[\x20-\x40\x5b-\x60\x7b-\x7e]$/;

export interface TextRun {
  face: FontFace;
  text: string;
}

/**
 * A text cut into runs of one face each: `Παπαδόπουλος 株式会社` becomes a Greek run in Noto Sans
 * and a Chinese run in Noto Sans SC. `base` is the face of everything else (`latin-bold` for a
 * heading).
 */
export function textRuns(text: string, base: 'latin' | 'latin-bold' = 'latin'): TextRun[] {
  const runs: TextRun[] = [];
  for (const char of text) {
    const last = runs[runs.length - 1];
    const face: FontFace = hangul.test(char)
      ? 'korean'
      : chinese.test(char)
        ? 'chinese'
        : neutral.test(char) && last
          ? last.face
          : base;
    if (last && last.face === face) last.text += char;
    else runs.push({ face, text: char });
  }
  return runs;
}
