/**
 * Tells Vietnamese from English by the share of letters that only Vietnamese uses
 * (ă â đ ê ô ơ ư and tone marks). Cheap and good enough for news text of a paragraph or more.
 */
export function detectLanguage(text: string): "vi" | "en" {
  const sample = text.slice(0, 4000).normalize("NFC");
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return "en";
  const vi = sample.match(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýõã]/giu)?.length ?? 0;
  return vi / letters > 0.03 ? "vi" : "en";
}
