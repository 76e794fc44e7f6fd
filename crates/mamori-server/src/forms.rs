//! The disclosure forms the server offers: the built-in MDS2 and MDS/SDS, replaced or joined by definitions a user keeps in a folder (`[disclosure] forms_dir`), so a corrected item list needs no new release of Mamori.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mamori_disclosure::{Form, builtin_forms};

/// Why the forms folder could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FormsError {
    /// The folder or a file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file is not a valid form definition.
    #[error("{path}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong, with the place when the reader knows it.
        message: String,
    },
    /// Two files define the same form id.
    #[error("{path}: form id {id:?} is already defined by {first}")]
    Duplicate {
        /// The second file.
        path: PathBuf,
        /// The form id.
        id: String,
        /// The first file.
        first: String,
    },
}

/// The forms by id.
#[derive(Clone, Debug)]
pub struct Forms {
    by_id: BTreeMap<String, Form>,
}

impl Default for Forms {
    fn default() -> Forms {
        Forms::builtin()
    }
}

impl Forms {
    /// Only the forms that ship with Mamori.
    pub fn builtin() -> Forms {
        Forms {
            by_id: builtin_forms()
                .into_iter()
                .map(|f| (f.id().to_owned(), f))
                .collect(),
        }
    }

    /// The built-in forms, then every `*.toml` in `dir`: a file whose form id is built in
    /// replaces that form, any other adds one. One bad file fails the whole load, naming it.
    pub fn load_dir(dir: &Path) -> Result<Forms, FormsError> {
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| FormsError::Io { path, source }
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io(dir))?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(io(dir))?;
        files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
        files.sort();
        let mut forms = Forms::builtin();
        let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
        for path in files {
            let text = std::fs::read_to_string(&path).map_err(io(&path))?;
            let form = Form::from_toml(&text).map_err(|e| FormsError::Invalid {
                path: path.clone(),
                message: e.to_string(),
            })?;
            if let Some(first) = seen.get(form.id()) {
                return Err(FormsError::Duplicate {
                    path,
                    id: form.id().to_owned(),
                    first: first.display().to_string(),
                });
            }
            seen.insert(form.id().to_owned(), path);
            forms.by_id.insert(form.id().to_owned(), form);
        }
        Ok(forms)
    }

    /// The form with this id.
    pub fn get(&self, id: &str) -> Option<&Form> {
        self.by_id.get(id)
    }

    /// Every form, by id.
    pub fn all(&self) -> impl Iterator<Item = &Form> {
        self.by_id.values()
    }

    /// The ids, for messages that list what exists.
    pub fn ids(&self) -> String {
        self.by_id.keys().cloned().collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(d.path().join(name), text).unwrap();
        }
        d
    }

    fn form_toml(id: &str, item_text: &str) -> String {
        // The built-in MDS2 with its id and first item's wording changed: a user's corrected copy.
        let mds2 = include_str!("../../mamori-disclosure/forms/mds2.toml");
        let items = mds2.find("items = [").expect("the MDS2 file has items");
        let first = items
            + mds2[items..]
                .find(", en = \"")
                .map(|i| i + 8)
                .expect("the MDS2 file has English texts");
        let end = first + mds2[first..].find('"').unwrap();
        let text = format!("{}{item_text}{}", &mds2[..first], &mds2[end..]);
        text.replacen("id = \"mds2\"", &format!("id = \"{id}\""), 1)
    }

    #[test]
    fn a_folder_replaces_and_adds_forms() {
        let d = dir_with(&[
            ("mds2.toml", &form_toml("mds2", "Corrected wording")),
            (
                "hospital-x.toml",
                &form_toml("hospital-x", "Hospital X's question"),
            ),
            ("README.txt", "not a form"),
        ]);
        let forms = Forms::load_dir(d.path()).unwrap();
        assert_eq!(forms.ids(), "hospital-x, mds-sds, mds2");
        let texts: Vec<&str> = ["mds2", "hospital-x"]
            .iter()
            .map(|id| forms.get(id).unwrap().items().next().unwrap().text_en())
            .collect();
        assert_eq!(texts, ["Corrected wording", "Hospital X's question"]);
    }

    #[test]
    fn a_bad_file_is_named() {
        let d = dir_with(&[("broken.toml", "id = \"x\"\n[[sections")]);
        let e = Forms::load_dir(d.path()).unwrap_err().to_string();
        assert!(e.contains("broken.toml"), "{e}");
        let d = dir_with(&[
            ("a.toml", &form_toml("same", "one")),
            ("b.toml", &form_toml("same", "two")),
        ]);
        let e = Forms::load_dir(d.path()).unwrap_err().to_string();
        assert!(
            e.contains("b.toml") && e.contains("already defined") && e.contains("a.toml"),
            "{e}"
        );
        let e = Forms::load_dir(&d.path().join("missing"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("cannot read"), "{e}");
    }
}
