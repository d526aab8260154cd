/** Sentence boundaries with wink-nlp, mapped back to offsets in the original text. */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly paragraph: number;
}

let nlp: ReturnType<typeof winkNLP> | undefined;

function getNlp(): ReturnType<typeof winkNLP> {
  nlp ??= winkNLP(model);
  return nlp;
}

/** Split into sentences; paragraphs are line-separated blocks. Offsets index the original text. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const paragraphRe = /[^\n]+/g;
  let paragraph = 0;
  for (let m = paragraphRe.exec(text); m !== null; m = paragraphRe.exec(text)) {
    const block = m[0];
    if (block.trim() === '') continue;
    const base = m.index;
    let cursor = 0;
    for (const raw of getNlp().readDoc(block).sentences().out()) {
      const s = raw.trim();
      if (s === '') continue;
      const at = block.indexOf(s, cursor);
      if (at < 0) continue;
      out.push({ start: base + at, end: base + at + s.length, text: s, paragraph });
      cursor = at + s.length;
    }
    paragraph += 1;
  }
  return out;
}
