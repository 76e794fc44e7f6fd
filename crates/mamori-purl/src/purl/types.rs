//! Per-type rules from the registered purl type definitions: namespace
//! requirement, case folding, name normalization and type-specific checks.
//!
//! The rules are facts taken from the purl-spec `types/*-definition.json`
//! files; unknown types get the generic rules (everything optional, case kept).

use crate::purl::{Component, PurlError};

/// Whether a type needs, forbids or allows a namespace.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Requirement {
    Required,
    Prohibited,
    Optional,
}

/// How a type folds and rewrites its components.
struct Rule {
    namespace: Requirement,
    lower_namespace: bool,
    upper_namespace: bool,
    lower_name: bool,
    lower_version: bool,
    lower_subpath: bool,
    required_qualifiers: &'static [&'static str],
}

const GENERIC: Rule = Rule {
    namespace: Requirement::Optional,
    lower_namespace: false,
    upper_namespace: false,
    lower_name: false,
    lower_version: false,
    lower_subpath: false,
    required_qualifiers: &[],
};

const fn rule(namespace: Requirement) -> Rule {
    Rule {
        namespace,
        ..GENERIC
    }
}

fn rule_for(ty: &str) -> Rule {
    use Requirement::{Optional, Prohibited, Required};
    let lower_both = |namespace| Rule {
        lower_namespace: true,
        lower_name: true,
        ..rule(namespace)
    };
    match ty {
        "alpm" | "apk" | "bitbucket" | "composer" | "deb" | "github" => lower_both(Required),
        "brew" | "hex" | "luarocks" => lower_both(Optional),
        "qpkg" | "rpm" => Rule {
            lower_namespace: true,
            ..rule(Required)
        },
        "yocto" => Rule {
            lower_namespace: true,
            ..rule(Optional)
        },
        "vscode-extension" => Rule {
            lower_version: true,
            ..lower_both(Required)
        },
        "git" | "golang" | "maven" | "swift" => rule(Required),
        "huggingface" => Rule {
            lower_version: true,
            ..rule(Required)
        },
        "bitnami" | "chrome-extension" | "pub" => Rule {
            lower_name: true,
            ..rule(Prohibited)
        },
        "oci" | "pypi" => Rule {
            lower_name: true,
            lower_version: true,
            ..rule(Prohibited)
        },
        "otp" => Rule {
            lower_name: true,
            lower_subpath: true,
            ..rule(Prohibited)
        },
        "julia" => Rule {
            required_qualifiers: &["uuid"],
            ..rule(Prohibited)
        },
        "bazel" | "cargo" | "cocoapods" | "conda" | "cran" | "gem" | "hackage" | "mlflow"
        | "nuget" | "opam" | "vcpkg" => rule(Prohibited),
        "cpan" => Rule {
            upper_namespace: true,
            ..rule(Optional)
        },
        "swid" => Rule {
            required_qualifiers: &["tag_id"],
            ..rule(Optional)
        },
        _ => GENERIC,
    }
}

/// The decoded parts that the type rules inspect and rewrite in place.
pub(crate) struct Parts<'a> {
    pub ty: &'a str,
    pub namespace: &'a mut Option<String>,
    pub name: &'a mut String,
    pub version: &'a mut Option<String>,
    pub qualifiers: &'a [(String, String)],
    pub subpath: &'a mut Option<String>,
}

fn lower_in_place(s: &mut str) {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        s.make_ascii_lowercase();
    }
}

fn invalid_name(ty: &str, reason: &'static str) -> PurlError {
    PurlError::InvalidName {
        ty: ty.to_owned(),
        reason,
    }
}

/// Applies the type's normalization, then checks its constraints.
pub(crate) fn apply(p: Parts<'_>) -> Result<(), PurlError> {
    let rule = rule_for(p.ty);
    match (rule.namespace, p.namespace.is_some()) {
        (Requirement::Required, false) => {
            return Err(PurlError::NamespaceRequired {
                ty: p.ty.to_owned(),
            });
        }
        (Requirement::Prohibited, true) => {
            return Err(PurlError::NamespaceProhibited {
                ty: p.ty.to_owned(),
            });
        }
        _ => {}
    }
    if let Some(ns) = p.namespace.as_mut() {
        if rule.lower_namespace {
            lower_in_place(ns);
        }
        if rule.upper_namespace {
            ns.make_ascii_uppercase();
        }
    }
    if rule.lower_name {
        lower_in_place(p.name);
    }
    if rule.lower_version
        && let Some(v) = p.version.as_mut()
    {
        lower_in_place(v);
    }
    if rule.lower_subpath
        && let Some(s) = p.subpath.as_mut()
    {
        lower_in_place(s);
    }
    for key in rule.required_qualifiers {
        if !p.qualifiers.iter().any(|(k, _)| k == key) {
            return Err(PurlError::MissingQualifier {
                ty: p.ty.to_owned(),
                key,
            });
        }
    }
    specific(p)
}

/// Rules that do not fit the table: name rewrites and pattern checks.
fn specific(p: Parts<'_>) -> Result<(), PurlError> {
    match p.ty {
        // PyPI treats `_` and `-` alike; the canonical form uses `-`.
        "pypi" if p.name.contains('_') => {
            *p.name = p.name.replace('_', "-");
        }
        // Pub names are `[a-z0-9_]`; anything else folds to `_`.
        "pub"
            if p.name
                .bytes()
                .any(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')) =>
        {
            *p.name = p
                .name
                .chars()
                .map(|c| {
                    if c.is_ascii_lowercase() || c.is_ascii_digit() {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
        }
        // Databricks model registries are case-insensitive, Azure ML's are not.
        "mlflow" => {
            let databricks = p.qualifiers.iter().any(|(k, v)| {
                k == "repository_url" && v.to_ascii_lowercase().contains("databricks")
            });
            if databricks {
                lower_in_place(p.name);
            }
        }
        "cpan" if p.name.contains("::") => {
            return Err(invalid_name(
                p.ty,
                "a distribution name cannot contain '::' (that is a module name)",
            ));
        }
        "chrome-extension" => {
            if p.name.len() != 32 || !p.name.bytes().all(|b| (b'a'..=b'p').contains(&b)) {
                return Err(invalid_name(p.ty, "an extension id is 32 letters a to p"));
            }
            if let Some(v) = p.version.as_deref() {
                let ok = v.split('.').count() <= 4
                    && v.split('.')
                        .all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
                if !ok {
                    return Err(PurlError::InvalidVersion {
                        ty: p.ty.to_owned(),
                        reason: "a chrome extension version is 1 to 4 dot-separated numbers",
                    });
                }
            }
        }
        // The namespace is the host alone; the rest of the path is the name.
        "git" if p.namespace.as_deref().is_some_and(|ns| ns.contains('/')) => {
            return Err(PurlError::InvalidSegment {
                component: Component::Namespace,
                segment: p.namespace.clone().unwrap_or_default(),
            });
        }
        "swid"
            if p.namespace
                .as_deref()
                .is_some_and(|ns| ns.split('/').count() > 2) =>
        {
            return Err(PurlError::InvalidSegment {
                component: Component::Namespace,
                segment: p.namespace.clone().unwrap_or_default(),
            });
        }
        _ => {}
    }
    Ok(())
}
