/**
 * A long text in pieces, for a stream parser fed from memory: fed at once, it parses the whole text
 * in one go and nothing else in the app runs meanwhile; piece by piece, it yields between pieces.
 */
export function* textChunks(text: string, size = 256 * 1024): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
