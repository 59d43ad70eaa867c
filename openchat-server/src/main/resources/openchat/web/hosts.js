// A link's host as the page shows it: in its own letters when they cannot pass for another address's, else in the
// punycode form (xn--…) that the address really holds, as browsers show their address bar. https://аррӏе.com (all
// Cyrillic) reads as apple.com; shown as https://xn--80ak6aa92e.com it reads as what it is.
//
// The rule, a small version of Chromium's and Firefox's IDN display policy (the page has no ICU, hence the lists):
// every label of the host (the parts between dots) must pass, else the whole host is shown in punycode. A label
// passes when
//  1. it holds only letters, combining marks, digits and hyphens (no symbol, no punctuation that looks like . or /);
//  2. its letters are of one script, or of one of the mixes that Chinese, Japanese and Korean are written in with
//     Latin (Latin+Han+Hiragana+Katakana, Latin+Han+Hangul, Latin+Han+Bopomofo): never Latin with Cyrillic or Greek.
//     The scripts are those Unicode recommends for identifiers (UTS 39, table 5); a letter of any other (historic
//     scripts, phonetic letters that are Latin only in name) fails;
//  3. under a top-level domain in ASCII (.com, .gr), it is not made only of Cyrillic or Greek letters that look Latin
//     (LOOKS_LATIN: аррӏе, ѕсоре), which a reader takes for a Latin name; a Cyrillic or Greek word with any other
//     letter (пример, ελληνικά) is no such look-alike. Under a top-level domain in other letters (.рф, .ελ) a word
//     of that script reads as one (сахар.рф), as Chromium allows; a real word made only of such letters under .com
//     is shown in punycode too: safety first;
//  4. it holds none of the Latin letters made for phonetics that look exactly like a, g (ɑ, ɡ);
//  5. with its marks and Latin look-alike letters taken off (LATIN_LOOKS: gıthub with a dotless ı, gïthub, ġithub),
//     it is not the name of a well-known site (WELL_KNOWN): browsers compare a host's skeleton with a list of the most
//     visited domains, the page with the names of a few dozen that phishing imitates most, and Korea's.
// What browsers add and the page does not: their lists of tens of thousands of domains, and Kana that look like
// punctuation.

/** The scripts Unicode recommends for identifiers (UTS 39, table 5), by their names in \p{Script_Extensions=…}. */
const SCRIPTS = [
  "Arabic", "Armenian", "Bengali", "Bopomofo", "Cyrillic", "Devanagari", "Ethiopic", "Georgian", "Greek", "Gujarati",
  "Gurmukhi", "Han", "Hangul", "Hebrew", "Hiragana", "Kannada", "Katakana", "Khmer", "Lao", "Latin", "Malayalam",
  "Myanmar", "Oriya", "Sinhala", "Tamil", "Telugu", "Thaana", "Thai", "Tibetan",
];
/** The scripts a label may mix: one alone, or Latin with the scripts of Japanese, Korean or Chinese (Bopomofo). */
const WRITINGS = [
  ...SCRIPTS.map((script) => [script]),
  ["Latin", "Han", "Hiragana", "Katakana"],
  ["Latin", "Han", "Hangul"],
  ["Latin", "Han", "Bopomofo"],
].map((scripts) => new RegExp(`^[\\-0-9${scripts.map((s) => `\\p{scx=${s}}`).join("")}]+$`, "u"));
const LETTERS_AND_DIGITS = /^[\p{L}\p{M}\p{N}-]+$/u;
/**
 * Cyrillic and Greek small letters that look like Latin ones (Chromium's Cyrillic list, and Greek's α ο ν ρ …), with
 * digits and the hyphen: a label made only of these passes for a Latin one.
 */
const LOOKS_LATIN = /^[\-0-9асԁеһіјӏорԛѕԝхуъьҽпгѵѡ]+$|^[\-0-9αγικνορυχϳ]+$/u;
const PHONETIC_LOOKALIKES = /[ɑɡ]/u;
/**
 * Names of well-known sites, as the label before the top-level domain: those phishing imitates most (search, mail,
 * shopping, payment, social, code hosting, cloud) and Korea's own (portals, messengers, banks, shops).
 */
const WELL_KNOWN = new Set([
  "google", "gmail", "youtube", "facebook", "instagram", "whatsapp", "twitter", "linkedin", "microsoft", "office",
  "outlook", "live", "hotmail", "bing", "apple", "icloud", "amazon", "aws", "paypal", "netflix", "spotify", "steam",
  "steampowered", "discord", "telegram", "github", "gitlab", "dropbox", "yahoo", "wikipedia", "reddit", "tiktok",
  "ebay", "alibaba", "aliexpress", "binance", "coinbase", "openai", "chatgpt", "zoom", "slack", "adobe", "cloudflare",
  "naver", "daum", "kakao", "kakaobank", "kakaopay", "toss", "coupang", "gmarket", "11st", "auction", "nate",
  "samsung", "kbstar", "shinhan", "wooribank", "hanabank", "nonghyup", "ibk", "upbit", "bithumb", "baemin",
]);
/** Latin letters that look like an ASCII one once their marks are taken off (NFD leaves them whole). */
const LATIN_LOOKS = { ı: "i", ȷ: "j", ł: "l", ƚ: "l", ø: "o", đ: "d", ħ: "h", ŧ: "t", ß: "ss", æ: "ae", œ: "oe" };
const ASCII = /^[\x00-\x7f]*$/;

/**
 * How to show `hostname` (a URL's, in ASCII: xn--… for a label in any other letters): in Unicode when every label
 * passes, else as it is; null when no label is in other letters (the host shows as it was written).
 */
export function shownHost(hostname) {
  const labels = hostname.split(".");
  if (!labels.some((label) => label.startsWith("xn--"))) return null;
  const unicode = labels.map((label) => (label.startsWith("xn--") ? fromPunycode(label.slice(4)) : label));
  const asciiTop = unicode.at(-1) !== null && ASCII.test(unicode.at(-1));
  return unicode.every((label) => passes(label, asciiTop)) ? unicode.join(".") : hostname;
}

/** Whether a label may be shown in its letters; `asciiTop`: the host's top-level domain is in ASCII (.com, not .рф). */
function passes(label, asciiTop) {
  if (label === null) return false;
  if (ASCII.test(label)) return true;
  return (
    LETTERS_AND_DIGITS.test(label) &&
    WRITINGS.some((writing) => writing.test(label)) &&
    !(asciiTop && LOOKS_LATIN.test(label)) &&
    !PHONETIC_LOOKALIKES.test(label) &&
    !WELL_KNOWN.has(asciiLook(label))
  );
}

/** `label` as it looks in ASCII letters, its marks and Latin look-alike letters taken off (gıthub, gïthub: github). */
function asciiLook(label) {
  return label
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ıȷłƚøđħŧßæœ]/gu, (letter) => LATIN_LOOKS[letter]);
}

// Punycode (RFC 3492, section 6.2): the browser turns a host into it (new URL(…).hostname) but has nothing to turn
// it back.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;

/** The label that `encoded` (punycode without its xn--) stands for, or null when it is no punycode. */
function fromPunycode(encoded) {
  const delimiter = encoded.lastIndexOf("-");
  const output = delimiter > 0 ? [...encoded.slice(0, delimiter)].map((c) => c.codePointAt(0)) : [];
  if (output.some((c) => c >= 0x80)) return null;
  let code = 0x80;
  let bias = 72;
  let i = 0;
  for (let at = delimiter > 0 ? delimiter + 1 : 0; at < encoded.length; ) {
    const before = i;
    for (let weight = 1, k = BASE; ; k += BASE) {
      const digit = at < encoded.length ? digitOf(encoded.charCodeAt(at++)) : -1;
      if (digit < 0) return null;
      i += digit * weight;
      const threshold = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < threshold) break;
      weight *= BASE - threshold;
    }
    bias = adapt(i - before, output.length + 1, before === 0);
    code += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (!(code <= 0x10ffff)) return null;
    output.splice(i++, 0, code);
  }
  // All ASCII, it would be written as it is: an xn-- label that stands for one is no IDN (and no name to show).
  return output.some((c) => c >= 0x80) ? String.fromCodePoint(...output) : null;
}

function digitOf(char) {
  if (char >= 0x30 && char <= 0x39) return char - 0x30 + 26;
  if (char >= 0x41 && char <= 0x5a) return char - 0x41;
  if (char >= 0x61 && char <= 0x7a) return char - 0x61;
  return -1;
}

function adapt(delta, points, first) {
  let d = first ? Math.floor(delta / 700) : Math.floor(delta / 2);
  d += Math.floor(d / points);
  let k = 0;
  for (; d > ((BASE - T_MIN) * T_MAX) >> 1; k += BASE) d = Math.floor(d / (BASE - T_MIN));
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + 38));
}
