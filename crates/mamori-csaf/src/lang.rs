//! Facts about language subtags: the two-letter ISO 639-1 codes (registered in the IANA language
//! subtag registry) and the ranges BCP 47 reserves for private use.

/// ISO 639-1 codes, including the deprecated ones that remain registered (in, iw, ji, jw, mo).
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy \
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz \
ia id ie ig ii ik in io is it iu iw ja ji jv jw ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li \
ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi \
pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk \
tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Whether a primary language subtag names a language that exists: two letters must be an
/// ISO 639-1 code, three letters are accepted (ISO 639-2/3/5 and the private range), four to eight
/// letters are reserved or unassigned.
pub(crate) fn language_exists(lang: &str) -> bool {
    match lang.len() {
        2 => {
            let l = lang.to_ascii_lowercase();
            ISO_639_1.split_ascii_whitespace().any(|c| c == l)
        }
        3 => true,
        _ => false,
    }
}

/// `qaa`–`qtz`.
pub(crate) fn private_language(lang: &str) -> bool {
    let l = lang.to_ascii_lowercase();
    let b = l.as_bytes();
    b.len() == 3 && b[0] == b'q' && (b'a'..=b't').contains(&b[1]) && b[2].is_ascii_lowercase()
}

/// `Qaaa`–`Qabx`.
pub(crate) fn private_script(script: &str) -> bool {
    let l = script.to_ascii_lowercase();
    l.len() == 4 && l.as_str() >= "qaaa" && l.as_str() <= "qabx"
}

/// `AA`, `QM`–`QZ`, `XA`–`XZ`, `ZZ`.
pub(crate) fn private_region(region: &str) -> bool {
    let u = region.to_ascii_uppercase();
    let b = u.as_bytes();
    b.len() == 2
        && (u == "AA"
            || u == "ZZ"
            || (b[0] == b'Q' && (b'M'..=b'Z').contains(&b[1]))
            || (b[0] == b'X' && b[1].is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtags() {
        assert!(language_exists("en") && language_exists("DE") && language_exists("deu"));
        assert!(!language_exists("ez") && !language_exists("abcd"));
        assert!(private_language("qtx") && !private_language("qux"));
        assert!(private_script("Qabc") && !private_script("Latn"));
        assert!(private_region("QM") && private_region("XP") && !private_region("US"));
        assert_eq!(ISO_639_1.split_ascii_whitespace().count(), 190);
    }
}
