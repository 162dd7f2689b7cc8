/**
 * Unicode class names that Go 1.26's `regexp/syntax` accepts in `\p{…}` (kro v0.9.3 is built with Go 1.26).
 * Listed from `unicode.Categories`, `unicode.Scripts` and `unicode.CategoryAliases` (Unicode 15.0) by compiling
 * `\p{name}` for each: Go looks names up after `canonicalName` removes `_`, `-` and spaces, so multi-word script
 * names such as `Old_Italic` are rejected while `Cased_Letter` (an alias, canonicalised on both sides) is accepted.
 */
const ACCEPTED = `Adlam Ahom Arabic Armenian Avestan Balinese Bamum Batak Bengali Bhaiksuki Bopomofo Brahmi Braille Buginese
Buhid C Carian Cased_Letter Cc Cf Chakma Cham Cherokee Chorasmian Close_Punctuation Cn Co Combining_Mark
Common Connector_Punctuation Control Coptic Cs Cuneiform Currency_Symbol Cypriot Cyrillic Dash_Punctuation
Decimal_Number Deseret Devanagari Dogra Duployan Elbasan Elymaic Enclosing_Mark Ethiopic Final_Punctuation
Format Georgian Glagolitic Gothic Grantha Greek Gujarati Gurmukhi Han Hangul Hanunoo Hatran Hebrew Hiragana
Inherited Initial_Punctuation Javanese Kaithi Kannada Katakana Kawi Kharoshthi Khmer Khojki Khudawadi L LC
Lao Latin Lepcha Letter Letter_Number Limbu Line_Separator Lisu Ll Lm Lo Lowercase_Letter Lt Lu Lycian Lydian
M Mahajani Makasar Malayalam Mandaic Manichaean Marchen Mark Math_Symbol Mc Me Medefaidrin Miao Mn Modi
Modifier_Letter Modifier_Symbol Mongolian Mro Multani Myanmar N Nabataean Nandinagari Nd Newa Nko Nl No
Nonspacing_Mark Number Nushu Ogham Open_Punctuation Oriya Osage Osmanya Other Other_Letter Other_Number
Other_Punctuation Other_Symbol P Palmyrene Paragraph_Separator Pc Pd Pe Pf Phoenician Pi Po Private_Use Ps
Punctuation Rejang Runic S Samaritan Saurashtra Sc Separator Sharada Shavian Siddham Sinhala Sk Sm So Sogdian
Soyombo Space_Separator Spacing_Mark Sundanese Surrogate Symbol Syriac Tagalog Tagbanwa Takri Tamil Tangsa
Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Titlecase_Letter Toto Ugaritic Unassigned Uppercase_Letter
Vai Vithkuqi Wancho Yezidi Yi Z Zl Zp Zs cntrl digit punct Any Assigned ASCII`;

let canonical: ReadonlySet<string> | undefined;

/** Go's `canonicalName`: drops `_`, `-` and spaces, upper-cases the first letter and lower-cases the rest (ASCII). */
export function goCanonicalClassName(name: string): string {
  let out = '';
  let first = true;
  for (let i = 0; i < name.length; i++) {
    let c = name[i]!;
    if (c === '_' || c === '-' || c === ' ') continue;
    if (first) {
      if (c >= 'a' && c <= 'z') c = c.toUpperCase();
      first = false;
    } else if (c >= 'A' && c <= 'Z') c = c.toLowerCase();
    out += c;
  }
  return out;
}

/** Whether Go's regexp accepts `\p{name}` (after an optional leading `^` has been removed). */
export function isGoUnicodeClassName(name: string): boolean {
  canonical ??= new Set(ACCEPTED.split(/\s+/).map(goCanonicalClassName));
  return canonical.has(goCanonicalClassName(name));
}
