//! The structural rules of the CycloneDX JSON schemas 1.2–1.7 as data: objects, their
//! properties with the versions that allow them, required properties, types and formats.
//!
//! Compiled once from the specification's JSON schemas (the strict ones for 1.2 and 1.3)
//! into this compact form; only the rules are kept (no titles, descriptions or examples).
//! Each property entry says in which spec versions it exists (a bit mask), so one table
//! serves every version. Enumerations point at [`super::vocab`].
#![allow(clippy::all)]
use super::schema::*;
use super::vocab;

pub(super) static O_BOM: Obj = Obj {
    name: "bom",
    props: &[
        P {
            name: "$schema",
            ty: Ty::Lit(&[
                "http://cyclonedx.org/schema/bom-1.2.schema.json",
                "http://cyclonedx.org/schema/bom-1.2a.schema.json",
                "http://cyclonedx.org/schema/bom-1.2b.schema.json",
            ]),
            vers: V1_2,
        },
        P {
            name: "$schema",
            ty: Ty::Lit(&[
                "http://cyclonedx.org/schema/bom-1.3.schema.json",
                "http://cyclonedx.org/schema/bom-1.3a.schema.json",
            ]),
            vers: V1_3,
        },
        P {
            name: "$schema",
            ty: Ty::Lit(&["http://cyclonedx.org/schema/bom-1.4.schema.json"]),
            vers: V1_4,
        },
        P {
            name: "$schema",
            ty: Ty::Lit(&["http://cyclonedx.org/schema/bom-1.5.schema.json"]),
            vers: V1_5,
        },
        P {
            name: "$schema",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "bomFormat",
            ty: Ty::Lit(&["CycloneDX"]),
            vers: ALL,
        },
        P {
            name: "specVersion",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "serialNumber",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::UrnUuid,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "version",
            ty: Ty::Num(&Num {
                integer: true,
                min: None,
                max: None,
                exclusive_min: None,
            }),
            vers: V1_2 | V1_3 | V1_4,
        },
        P {
            name: "version",
            ty: Ty::Num(&Num {
                integer: true,
                min: Some(1.0),
                max: None,
                exclusive_min: None,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "metadata",
            ty: Ty::Obj(&O_METADATA),
            vers: ALL,
        },
        P {
            name: "components",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[Ty::Obj(&O_COMPONENT), Ty::Rule(Rule::ExternalVersionRange)]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "services",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_SERVICE),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "externalReferences",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_EXTERNALREFERENCE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "dependencies",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_DEPENDENCY),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "compositions",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_COMPOSITIONS),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "vulnerabilities",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_VULNERABILITY),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "signature",
            ty: Ty::Signature,
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "annotations",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_ANNOTATIONS),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "formulation",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_FORMULA),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "declarations",
            ty: Ty::Obj(&O_BOM_DECLARATIONS),
            vers: V1_6 | V1_7,
        },
        P {
            name: "definitions",
            ty: Ty::Obj(&O_BOM_DEFINITIONS),
            vers: V1_6 | V1_7,
        },
        P {
            name: "citations",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_CITATION),
                    Ty::OneOf(&[Ty::Obj(&O_CITATION_ONEOF0), Ty::Obj(&O_CITATION_ONEOF1)]),
                    Ty::AnyOf(&[Ty::Obj(&O_CITATION_ANYOF0), Ty::Obj(&O_CITATION_ANYOF1)]),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[
        ("bomFormat", ALL),
        ("specVersion", ALL),
        ("version", V1_2 | V1_3 | V1_4),
    ],
    open: 0,
    additional: &[],
};
pub(super) static O_METADATA: Obj = Obj {
    name: "metadata",
    props: &[
        P {
            name: "timestamp",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "tools",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_TOOL),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2 | V1_3 | V1_4,
        },
        P {
            name: "tools",
            ty: Ty::OneOf(&[
                Ty::Obj(&O_METADATA_TOOLS_ONEOF0),
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_TOOL),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "authors",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_ORGANIZATIONALCONTACT),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "component",
            ty: Ty::AllOf(&[Ty::Obj(&O_COMPONENT), Ty::Rule(Rule::ExternalVersionRange)]),
            vers: ALL,
        },
        P {
            name: "manufacture",
            ty: Ty::Obj(&O_ORGANIZATIONALENTITY),
            vers: ALL,
        },
        P {
            name: "supplier",
            ty: Ty::Obj(&O_ORGANIZATIONALENTITY),
            vers: ALL,
        },
        P {
            name: "licenses",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_LICENSECHOICE),
                    Ty::OneOf(&[
                        Ty::Obj(&O_LICENSECHOICE_ONEOF0),
                        Ty::Obj(&O_LICENSECHOICE_ONEOF1),
                    ]),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4,
        },
        P {
            name: "licenses",
            ty: Ty::OneOf(&[
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_LICENSECHOICE_ONEOF0_ITEMS),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_LICENSECHOICE_ONEOF1_ITEMS),
                    unique: false,
                    min: 1,
                    max: 1,
                }),
            ]),
            vers: V1_5 | V1_6,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "lifecycles",
            ty: Ty::Arr(&Arr {
                items: Ty::OneOf(&[
                    Ty::Obj(&O_METADATA_LIFECYCLES_ITEMS_ONEOF0),
                    Ty::Obj(&O_METADATA_LIFECYCLES_ITEMS_ONEOF1),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "manufacturer",
            ty: Ty::Obj(&O_ORGANIZATIONALENTITY),
            vers: V1_6 | V1_7,
        },
        P {
            name: "distributionConstraints",
            ty: Ty::Obj(&O_METADATA_DISTRIBUTIONCONSTRAINTS),
            vers: V1_7,
        },
        P {
            name: "licenses",
            ty: Ty::Arr(&Arr {
                items: Ty::OneOf(&[
                    Ty::Obj(&O_LICENSECHOICE_ONEOF0_ITEMS),
                    Ty::Obj(&O_LICENSECHOICE_ONEOF1_ITEMS),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_TOOL: Obj = Obj {
    name: "tool",
    props: &[
        P {
            name: "vendor",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "version",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2 | V1_3 | V1_4 | V1_5,
        },
        P {
            name: "version",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: 1024,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "hashes",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_HASH),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "externalReferences",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_EXTERNALREFERENCE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_HASH: Obj = Obj {
    name: "hash",
    props: &[
        P {
            name: "alg",
            ty: Ty::Vocab(&vocab::HASH_ALGORITHMS),
            vers: ALL,
        },
        P {
            name: "content",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::HashContent,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
    ],
    required: &[("alg", ALL), ("content", ALL)],
    open: 0,
    additional: &[],
};
pub(super) static O_ORGANIZATIONALCONTACT: Obj = Obj {
    name: "organizationalContact",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "email",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "email",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3,
        },
        P {
            name: "email",
            ty: Ty::Str(&Str {
                fmt: Fmt::Email,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "phone",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "phone",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_COMPONENT: Obj = Obj {
    name: "component",
    props: &[
        P {
            name: "type",
            ty: Ty::Vocab(&vocab::COMPONENT_TYPES),
            vers: ALL,
        },
        P {
            name: "mime-type",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::MimeType,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2 | V1_3 | V1_4,
        },
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "supplier",
            ty: Ty::Obj(&O_ORGANIZATIONALENTITY),
            vers: ALL,
        },
        P {
            name: "author",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "author",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "publisher",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "publisher",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "group",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "group",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "version",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "version",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5,
        },
        P {
            name: "version",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: 1024,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "scope",
            ty: Ty::Vocab(&vocab::SCOPES),
            vers: ALL,
        },
        P {
            name: "hashes",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_HASH),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "licenses",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_COMPONENT_LICENSES_ITEMS),
                    Ty::OneOf(&[
                        Ty::Obj(&O_COMPONENT_LICENSES_ITEMS_ONEOF0),
                        Ty::Obj(&O_COMPONENT_LICENSES_ITEMS_ONEOF1),
                    ]),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "licenses",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_LICENSECHOICE),
                    Ty::OneOf(&[
                        Ty::Obj(&O_LICENSECHOICE_ONEOF0),
                        Ty::Obj(&O_LICENSECHOICE_ONEOF1),
                    ]),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4,
        },
        P {
            name: "licenses",
            ty: Ty::OneOf(&[
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_LICENSECHOICE_ONEOF0_ITEMS),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_LICENSECHOICE_ONEOF1_ITEMS),
                    unique: false,
                    min: 1,
                    max: 1,
                }),
            ]),
            vers: V1_5 | V1_6,
        },
        P {
            name: "copyright",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "copyright",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "cpe",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "cpe",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "purl",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "purl",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "swid",
            ty: Ty::Obj(&O_SWID),
            vers: ALL,
        },
        P {
            name: "modified",
            ty: Ty::Bool,
            vers: ALL,
        },
        P {
            name: "pedigree",
            ty: Ty::Obj(&O_COMPONENT_PEDIGREE),
            vers: ALL,
        },
        P {
            name: "externalReferences",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_EXTERNALREFERENCE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "components",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[Ty::Obj(&O_COMPONENT), Ty::Rule(Rule::ExternalVersionRange)]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "evidence",
            ty: Ty::Obj(&O_COMPONENTEVIDENCE),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "releaseNotes",
            ty: Ty::Obj(&O_RELEASENOTES),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "signature",
            ty: Ty::Signature,
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "modelCard",
            ty: Ty::Obj(&O_MODELCARD),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "data",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_COMPONENTDATA),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "manufacturer",
            ty: Ty::Obj(&O_ORGANIZATIONALENTITY),
            vers: V1_6 | V1_7,
        },
        P {
            name: "authors",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_ORGANIZATIONALCONTACT),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "omniborId",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "swhid",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "cryptoProperties",
            ty: Ty::Obj(&O_CRYPTOPROPERTIES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "tags",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "versionRange",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: 4096,
            }),
            vers: V1_7,
        },
        P {
            name: "isExternal",
            ty: Ty::Bool,
            vers: V1_7,
        },
        P {
            name: "patentAssertions",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PATENTASSERTIONS_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "licenses",
            ty: Ty::Arr(&Arr {
                items: Ty::OneOf(&[
                    Ty::Obj(&O_LICENSECHOICE_ONEOF0_ITEMS),
                    Ty::Obj(&O_LICENSECHOICE_ONEOF1_ITEMS),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[("type", ALL), ("name", ALL), ("version", V1_2 | V1_3)],
    open: 0,
    additional: &[],
};
pub(super) static O_ORGANIZATIONALENTITY: Obj = Obj {
    name: "organizationalEntity",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "url",
            ty: Ty::Arr(&Arr {
                items: Ty::Any,
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "url",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::IriRef,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "contact",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_ORGANIZATIONALCONTACT),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "address",
            ty: Ty::Obj(&O_POSTALADDRESS),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_COMPONENT_LICENSES_ITEMS_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("license", V1_2)],
    open: V1_2,
    additional: &[],
};
pub(super) static O_COMPONENT_LICENSES_ITEMS_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[("expression", V1_2)],
    open: V1_2,
    additional: &[],
};
pub(super) static O_COMPONENT_LICENSES_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "license",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_LICENSE),
                Ty::OneOf(&[Ty::Obj(&O_LICENSE_ONEOF0), Ty::Obj(&O_LICENSE_ONEOF1)]),
            ]),
            vers: V1_2,
        },
        P {
            name: "expression",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_LICENSE_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("id", ALL)],
    open: ALL,
    additional: &[],
};
pub(super) static O_LICENSE_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[("name", ALL)],
    open: ALL,
    additional: &[],
};
pub(super) static O_LICENSE: Obj = Obj {
    name: "license",
    props: &[
        P {
            name: "id",
            ty: Ty::LicenseId,
            vers: ALL,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "text",
            ty: Ty::Obj(&O_ATTACHMENT),
            vers: ALL,
        },
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::IriRef,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "licensing",
            ty: Ty::Obj(&O_LICENSE_LICENSING),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "acknowledgement",
            ty: Ty::Vocab(&vocab::LICENSE_ACKNOWLEDGEMENTS),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_ATTACHMENT: Obj = Obj {
    name: "attachment",
    props: &[
        P {
            name: "contentType",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "encoding",
            ty: Ty::Vocab(&vocab::ATTACHMENT_ENCODINGS),
            vers: ALL,
        },
        P {
            name: "content",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
    ],
    required: &[("content", ALL)],
    open: 0,
    additional: &[],
};
pub(super) static O_SWID: Obj = Obj {
    name: "swid",
    props: &[
        P {
            name: "tagId",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "version",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "tagVersion",
            ty: Ty::Num(&Num {
                integer: true,
                min: None,
                max: None,
                exclusive_min: None,
            }),
            vers: ALL,
        },
        P {
            name: "patch",
            ty: Ty::Bool,
            vers: ALL,
        },
        P {
            name: "text",
            ty: Ty::Obj(&O_ATTACHMENT),
            vers: ALL,
        },
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::IriRef,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[("tagId", ALL), ("name", ALL)],
    open: 0,
    additional: &[],
};
pub(super) static O_COMPONENT_PEDIGREE: Obj = Obj {
    name: "pedigree",
    props: &[
        P {
            name: "ancestors",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[Ty::Obj(&O_COMPONENT), Ty::Rule(Rule::ExternalVersionRange)]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "descendants",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[Ty::Obj(&O_COMPONENT), Ty::Rule(Rule::ExternalVersionRange)]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "variants",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[Ty::Obj(&O_COMPONENT), Ty::Rule(Rule::ExternalVersionRange)]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "commits",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_COMMIT),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "patches",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PATCH),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "notes",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "notes",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_COMMIT: Obj = Obj {
    name: "commit",
    props: &[
        P {
            name: "uid",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "uid",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::IriRef,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "author",
            ty: Ty::Obj(&O_IDENTIFIABLEACTION),
            vers: ALL,
        },
        P {
            name: "committer",
            ty: Ty::Obj(&O_IDENTIFIABLEACTION),
            vers: ALL,
        },
        P {
            name: "message",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "message",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_IDENTIFIABLEACTION: Obj = Obj {
    name: "identifiableAction",
    props: &[
        P {
            name: "timestamp",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "email",
            ty: Ty::Str(&Str {
                fmt: Fmt::Email,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_PATCH: Obj = Obj {
    name: "patch",
    props: &[
        P {
            name: "type",
            ty: Ty::Vocab(&vocab::PATCH_TYPES),
            vers: ALL,
        },
        P {
            name: "diff",
            ty: Ty::Obj(&O_DIFF),
            vers: ALL,
        },
        P {
            name: "resolves",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_ISSUE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
    ],
    required: &[("type", ALL)],
    open: 0,
    additional: &[],
};
pub(super) static O_DIFF: Obj = Obj {
    name: "diff",
    props: &[
        P {
            name: "text",
            ty: Ty::Obj(&O_ATTACHMENT),
            vers: ALL,
        },
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::IriRef,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_ISSUE: Obj = Obj {
    name: "issue",
    props: &[
        P {
            name: "type",
            ty: Ty::Vocab(&vocab::ISSUE_TYPES),
            vers: ALL,
        },
        P {
            name: "id",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "id",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "source",
            ty: Ty::Obj(&O_ISSUE_SOURCE),
            vers: ALL,
        },
        P {
            name: "references",
            ty: Ty::Arr(&Arr {
                items: Ty::Any,
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "references",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::IriRef,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[("type", ALL)],
    open: 0,
    additional: &[],
};
pub(super) static O_ISSUE_SOURCE: Obj = Obj {
    name: "source",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::IriRef,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_EXTERNALREFERENCE: Obj = Obj {
    name: "externalReference",
    props: &[
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::IriRef,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4,
        },
        P {
            name: "url",
            ty: Ty::AnyOf(&[
                Ty::Str(&Str {
                    fmt: Fmt::IriRef,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                Ty::AnyOf(&[
                    Ty::Str(&Str {
                        fmt: Fmt::IriRef,
                        pat: Pat::BomLinkDocument,
                        min: 0,
                        max: usize::MAX,
                    }),
                    Ty::Str(&Str {
                        fmt: Fmt::IriRef,
                        pat: Pat::BomLinkElement,
                        min: 0,
                        max: usize::MAX,
                    }),
                ]),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "comment",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "comment",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "type",
            ty: Ty::Vocab(&vocab::EXTERNAL_REFERENCE_TYPES),
            vers: ALL,
        },
        P {
            name: "hashes",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_HASH),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[("url", ALL), ("type", ALL)],
    open: 0,
    additional: &[],
};
pub(super) static O_SERVICE: Obj = Obj {
    name: "service",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2 | V1_3 | V1_4,
        },
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "provider",
            ty: Ty::Obj(&O_ORGANIZATIONALENTITY),
            vers: ALL,
        },
        P {
            name: "group",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "group",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "version",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "version",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5,
        },
        P {
            name: "version",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: 1024,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "endpoints",
            ty: Ty::Arr(&Arr {
                items: Ty::Any,
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "endpoints",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::IriRef,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "authenticated",
            ty: Ty::Bool,
            vers: ALL,
        },
        P {
            name: "x-trust-boundary",
            ty: Ty::Bool,
            vers: ALL,
        },
        P {
            name: "data",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_DATACLASSIFICATION),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2 | V1_3 | V1_4,
        },
        P {
            name: "data",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_SERVICEDATA),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "licenses",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_SERVICE_LICENSES_ITEMS),
                    Ty::OneOf(&[
                        Ty::Obj(&O_SERVICE_LICENSES_ITEMS_ONEOF0),
                        Ty::Obj(&O_SERVICE_LICENSES_ITEMS_ONEOF1),
                    ]),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
        P {
            name: "licenses",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_LICENSECHOICE),
                    Ty::OneOf(&[
                        Ty::Obj(&O_LICENSECHOICE_ONEOF0),
                        Ty::Obj(&O_LICENSECHOICE_ONEOF1),
                    ]),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4,
        },
        P {
            name: "licenses",
            ty: Ty::OneOf(&[
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_LICENSECHOICE_ONEOF0_ITEMS),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_LICENSECHOICE_ONEOF1_ITEMS),
                    unique: false,
                    min: 1,
                    max: 1,
                }),
            ]),
            vers: V1_5 | V1_6,
        },
        P {
            name: "externalReferences",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_EXTERNALREFERENCE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "services",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_SERVICE),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: ALL,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "releaseNotes",
            ty: Ty::Obj(&O_RELEASENOTES),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "signature",
            ty: Ty::Signature,
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "trustZone",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "tags",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "patentAssertions",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PATENTASSERTIONS_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "licenses",
            ty: Ty::Arr(&Arr {
                items: Ty::OneOf(&[
                    Ty::Obj(&O_LICENSECHOICE_ONEOF0_ITEMS),
                    Ty::Obj(&O_LICENSECHOICE_ONEOF1_ITEMS),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[("name", ALL)],
    open: 0,
    additional: &[],
};
pub(super) static O_DATACLASSIFICATION: Obj = Obj {
    name: "dataClassification",
    props: &[
        P {
            name: "flow",
            ty: Ty::Vocab(&vocab::DATA_FLOWS),
            vers: V1_2 | V1_3 | V1_4,
        },
        P {
            name: "classification",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2 | V1_3 | V1_4,
        },
    ],
    required: &[
        ("flow", V1_2 | V1_3 | V1_4),
        ("classification", V1_2 | V1_3 | V1_4),
    ],
    open: 0,
    additional: &[],
};
pub(super) static O_SERVICE_LICENSES_ITEMS_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("license", V1_2)],
    open: V1_2,
    additional: &[],
};
pub(super) static O_SERVICE_LICENSES_ITEMS_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[("expression", V1_2)],
    open: V1_2,
    additional: &[],
};
pub(super) static O_SERVICE_LICENSES_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "license",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_LICENSE),
                Ty::OneOf(&[Ty::Obj(&O_LICENSE_ONEOF0), Ty::Obj(&O_LICENSE_ONEOF1)]),
            ]),
            vers: V1_2,
        },
        P {
            name: "expression",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::OneLine,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_DEPENDENCY: Obj = Obj {
    name: "dependency",
    props: &[
        P {
            name: "ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2 | V1_3 | V1_4,
        },
        P {
            name: "ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "dependsOn",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_2 | V1_3 | V1_4,
        },
        P {
            name: "dependsOn",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "provides",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[("ref", ALL)],
    open: 0,
    additional: &[],
};
pub(super) static O_LICENSECHOICE_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("license", V1_3 | V1_4)],
    open: V1_3 | V1_4,
    additional: &[],
};
pub(super) static O_LICENSECHOICE_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[("expression", V1_3 | V1_4)],
    open: V1_3 | V1_4,
    additional: &[],
};
pub(super) static O_LICENSECHOICE: Obj = Obj {
    name: "licenseChoice",
    props: &[
        P {
            name: "license",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_LICENSE),
                Ty::OneOf(&[Ty::Obj(&O_LICENSE_ONEOF0), Ty::Obj(&O_LICENSE_ONEOF1)]),
            ]),
            vers: V1_3 | V1_4,
        },
        P {
            name: "expression",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_COMPONENTEVIDENCE: Obj = Obj {
    name: "componentEvidence",
    props: &[
        P {
            name: "licenses",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_LICENSECHOICE),
                    Ty::OneOf(&[
                        Ty::Obj(&O_LICENSECHOICE_ONEOF0),
                        Ty::Obj(&O_LICENSECHOICE_ONEOF1),
                    ]),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4,
        },
        P {
            name: "licenses",
            ty: Ty::OneOf(&[
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_LICENSECHOICE_ONEOF0_ITEMS),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_LICENSECHOICE_ONEOF1_ITEMS),
                    unique: false,
                    min: 1,
                    max: 1,
                }),
            ]),
            vers: V1_5 | V1_6,
        },
        P {
            name: "copyright",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_COPYRIGHT),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "identity",
            ty: Ty::Obj(&O_COMPONENTEVIDENCE_IDENTITY),
            vers: V1_5,
        },
        P {
            name: "identity",
            ty: Ty::OneOf(&[
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_COMPONENTIDENTITYEVIDENCE),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
                Ty::Obj(&O_COMPONENTIDENTITYEVIDENCE),
            ]),
            vers: V1_6 | V1_7,
        },
        P {
            name: "occurrences",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_COMPONENTEVIDENCE_OCCURRENCES_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "callstack",
            ty: Ty::Obj(&O_COMPONENTEVIDENCE_CALLSTACK),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "licenses",
            ty: Ty::Arr(&Arr {
                items: Ty::OneOf(&[
                    Ty::Obj(&O_LICENSECHOICE_ONEOF0_ITEMS),
                    Ty::Obj(&O_LICENSECHOICE_ONEOF1_ITEMS),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_COPYRIGHT: Obj = Obj {
    name: "copyright",
    props: &[P {
        name: "text",
        ty: Ty::Str(&Str {
            fmt: Fmt::Any,
            pat: Pat::None,
            min: 0,
            max: usize::MAX,
        }),
        vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
    }],
    required: &[("text", V1_3 | V1_4 | V1_5 | V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_PROPERTY: Obj = Obj {
    name: "property",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "value",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[("name", V1_6 | V1_7)],
    open: V1_3 | V1_4 | V1_5,
    additional: &[],
};
pub(super) static O_COMPOSITIONS: Obj = Obj {
    name: "compositions",
    props: &[
        P {
            name: "aggregate",
            ty: Ty::Vocab(&vocab::AGGREGATES),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "assemblies",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4,
        },
        P {
            name: "assemblies",
            ty: Ty::Arr(&Arr {
                items: Ty::AnyOf(&[
                    Ty::Str(&Str {
                        fmt: Fmt::Any,
                        pat: Pat::None,
                        min: 1,
                        max: usize::MAX,
                    }),
                    Ty::Str(&Str {
                        fmt: Fmt::IriRef,
                        pat: Pat::BomLinkElement,
                        min: 0,
                        max: usize::MAX,
                    }),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "dependencies",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_3 | V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "signature",
            ty: Ty::Signature,
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "vulnerabilities",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[("aggregate", V1_3 | V1_4 | V1_5 | V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_RELEASENOTES: Obj = Obj {
    name: "releaseNotes",
    props: &[
        P {
            name: "type",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "title",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "featuredImage",
            ty: Ty::Str(&Str {
                fmt: Fmt::IriRef,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "socialImage",
            ty: Ty::Str(&Str {
                fmt: Fmt::IriRef,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "timestamp",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "aliases",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "tags",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "resolves",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_ISSUE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "notes",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_NOTE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[("type", V1_4 | V1_5 | V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_NOTE: Obj = Obj {
    name: "note",
    props: &[
        P {
            name: "locale",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::Locale,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "text",
            ty: Ty::Obj(&O_ATTACHMENT),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[("text", V1_4 | V1_5 | V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_VULNERABILITY: Obj = Obj {
    name: "vulnerability",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4,
        },
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "id",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "source",
            ty: Ty::Obj(&O_VULNERABILITYSOURCE),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "references",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_VULNERABILITY_REFERENCES_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "ratings",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_RATING),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "cwes",
            ty: Ty::Arr(&Arr {
                items: Ty::Num(&Num {
                    integer: true,
                    min: Some(1.0),
                    max: None,
                    exclusive_min: None,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "detail",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "recommendation",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "advisories",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_ADVISORY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "created",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "published",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "updated",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "credits",
            ty: Ty::Obj(&O_VULNERABILITY_CREDITS),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "tools",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_TOOL),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4,
        },
        P {
            name: "tools",
            ty: Ty::OneOf(&[
                Ty::Obj(&O_VULNERABILITY_TOOLS_ONEOF0),
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_TOOL),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "analysis",
            ty: Ty::Obj(&O_VULNERABILITY_ANALYSIS),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "affects",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_VULNERABILITY_AFFECTS_ITEMS),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "workaround",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "proofOfConcept",
            ty: Ty::Obj(&O_VULNERABILITY_PROOFOFCONCEPT),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "rejected",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_VULNERABILITYSOURCE: Obj = Obj {
    name: "vulnerabilitySource",
    props: &[
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_VULNERABILITY_REFERENCES_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "id",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "source",
            ty: Ty::Obj(&O_VULNERABILITYSOURCE),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[
        ("id", V1_4 | V1_5 | V1_6 | V1_7),
        ("source", V1_4 | V1_5 | V1_6 | V1_7),
    ],
    open: 0,
    additional: &[],
};
pub(super) static O_RATING: Obj = Obj {
    name: "rating",
    props: &[
        P {
            name: "source",
            ty: Ty::Obj(&O_VULNERABILITYSOURCE),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "score",
            ty: Ty::Num(&Num {
                integer: false,
                min: None,
                max: None,
                exclusive_min: None,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "severity",
            ty: Ty::Vocab(&vocab::SEVERITIES),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "method",
            ty: Ty::Vocab(&vocab::SCORE_METHODS),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "vector",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "justification",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_ADVISORY: Obj = Obj {
    name: "advisory",
    props: &[
        P {
            name: "title",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::IriRef,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[("url", V1_4 | V1_5 | V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_VULNERABILITY_CREDITS: Obj = Obj {
    name: "credits",
    props: &[
        P {
            name: "organizations",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_ORGANIZATIONALENTITY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "individuals",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_ORGANIZATIONALCONTACT),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_VULNERABILITY_ANALYSIS: Obj = Obj {
    name: "analysis",
    props: &[
        P {
            name: "state",
            ty: Ty::Vocab(&vocab::IMPACT_ANALYSIS_STATES),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "justification",
            ty: Ty::Vocab(&vocab::IMPACT_ANALYSIS_JUSTIFICATIONS),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "response",
            ty: Ty::Arr(&Arr {
                items: Ty::Vocab(&vocab::ANALYSIS_RESPONSES),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "detail",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
        P {
            name: "firstIssued",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "lastUpdated",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_VULNERABILITY_AFFECTS_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4,
        },
        P {
            name: "ref",
            ty: Ty::AnyOf(&[
                Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                Ty::Str(&Str {
                    fmt: Fmt::IriRef,
                    pat: Pat::BomLinkElement,
                    min: 0,
                    max: usize::MAX,
                }),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "versions",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_VULNERABILITY_AFFECTS_ITEMS_VERSIONS_ITEMS),
                    Ty::OneOf(&[
                        Ty::Obj(&O_VULNERABILITY_AFFECTS_ITEMS_VERSIONS_ITEMS_ONEOF0),
                        Ty::Obj(&O_VULNERABILITY_AFFECTS_ITEMS_VERSIONS_ITEMS_ONEOF1),
                    ]),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[("ref", V1_4 | V1_5 | V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_VULNERABILITY_AFFECTS_ITEMS_VERSIONS_ITEMS_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("version", V1_4 | V1_5 | V1_6 | V1_7)],
    open: V1_4 | V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_VULNERABILITY_AFFECTS_ITEMS_VERSIONS_ITEMS_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[("range", V1_4 | V1_5 | V1_6 | V1_7)],
    open: V1_4 | V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_VULNERABILITY_AFFECTS_ITEMS_VERSIONS_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "version",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: 1024,
            }),
            vers: V1_4 | V1_5,
        },
        P {
            name: "version",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: 1024,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "range",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: 1024,
            }),
            vers: V1_4 | V1_5,
        },
        P {
            name: "range",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: 4096,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "status",
            ty: Ty::Vocab(&vocab::AFFECTED_STATUSES),
            vers: V1_4 | V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_METADATA_LIFECYCLES_ITEMS_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[P {
        name: "phase",
        ty: Ty::Vocab(&vocab::LIFECYCLE_PHASES),
        vers: V1_5 | V1_6 | V1_7,
    }],
    required: &[("phase", V1_5 | V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_METADATA_LIFECYCLES_ITEMS_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[("name", V1_5 | V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_METADATA_TOOLS_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[
        P {
            name: "components",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[Ty::Obj(&O_COMPONENT), Ty::Rule(Rule::ExternalVersionRange)]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "services",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_SERVICE),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_LICENSECHOICE_ONEOF0_ITEMS: Obj = Obj {
    name: "items",
    props: &[P {
        name: "license",
        ty: Ty::AllOf(&[
            Ty::Obj(&O_LICENSE),
            Ty::OneOf(&[Ty::Obj(&O_LICENSE_ONEOF0), Ty::Obj(&O_LICENSE_ONEOF1)]),
        ]),
        vers: V1_5 | V1_6 | V1_7,
    }],
    required: &[("license", V1_5 | V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_LICENSE_LICENSING: Obj = Obj {
    name: "licensing",
    props: &[
        P {
            name: "altIds",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "licensor",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_LICENSE_LICENSING_LICENSOR),
                Ty::OneOf(&[
                    Ty::Obj(&O_LICENSE_LICENSING_LICENSOR_ONEOF0),
                    Ty::Obj(&O_LICENSE_LICENSING_LICENSOR_ONEOF1),
                ]),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "licensee",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_LICENSE_LICENSING_LICENSEE),
                Ty::OneOf(&[
                    Ty::Obj(&O_LICENSE_LICENSING_LICENSEE_ONEOF0),
                    Ty::Obj(&O_LICENSE_LICENSING_LICENSEE_ONEOF1),
                ]),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "purchaser",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_LICENSE_LICENSING_PURCHASER),
                Ty::OneOf(&[
                    Ty::Obj(&O_LICENSE_LICENSING_PURCHASER_ONEOF0),
                    Ty::Obj(&O_LICENSE_LICENSING_PURCHASER_ONEOF1),
                ]),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "purchaseOrder",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "licenseTypes",
            ty: Ty::Arr(&Arr {
                items: Ty::Vocab(&vocab::LICENSE_TYPES),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "lastRenewal",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "expiration",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_LICENSE_LICENSING_LICENSOR_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("organization", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_LICENSE_LICENSING_LICENSOR_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[("individual", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_LICENSE_LICENSING_LICENSOR: Obj = Obj {
    name: "licensor",
    props: &[
        P {
            name: "organization",
            ty: Ty::Obj(&O_ORGANIZATIONALENTITY),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "individual",
            ty: Ty::Obj(&O_ORGANIZATIONALCONTACT),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_LICENSE_LICENSING_LICENSEE_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("organization", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_LICENSE_LICENSING_LICENSEE_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[("individual", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_LICENSE_LICENSING_LICENSEE: Obj = Obj {
    name: "licensee",
    props: &[
        P {
            name: "organization",
            ty: Ty::Obj(&O_ORGANIZATIONALENTITY),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "individual",
            ty: Ty::Obj(&O_ORGANIZATIONALCONTACT),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_LICENSE_LICENSING_PURCHASER_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("organization", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_LICENSE_LICENSING_PURCHASER_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[("individual", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_LICENSE_LICENSING_PURCHASER: Obj = Obj {
    name: "purchaser",
    props: &[
        P {
            name: "organization",
            ty: Ty::Obj(&O_ORGANIZATIONALENTITY),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "individual",
            ty: Ty::Obj(&O_ORGANIZATIONALCONTACT),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_LICENSECHOICE_ONEOF1_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "expression",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "acknowledgement",
            ty: Ty::Vocab(&vocab::LICENSE_ACKNOWLEDGEMENTS),
            vers: V1_6 | V1_7,
        },
        P {
            name: "expressionDetails",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_LICENSECHOICE_ONEOF1_ITEMS_EXPRESSIONDETAILS_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "licensing",
            ty: Ty::Obj(&O_LICENSE_LICENSING),
            vers: V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[("expression", V1_5 | V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_COMPONENTEVIDENCE_IDENTITY: Obj = Obj {
    name: "identity",
    props: &[
        P {
            name: "field",
            ty: Ty::Vocab(&vocab::IDENTITY_FIELDS),
            vers: V1_5,
        },
        P {
            name: "confidence",
            ty: Ty::Num(&Num {
                integer: false,
                min: Some(0.0),
                max: Some(1.0),
                exclusive_min: None,
            }),
            vers: V1_5,
        },
        P {
            name: "methods",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_COMPONENTEVIDENCE_IDENTITY_METHODS_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5,
        },
        P {
            name: "tools",
            ty: Ty::Arr(&Arr {
                items: Ty::AnyOf(&[
                    Ty::Str(&Str {
                        fmt: Fmt::Any,
                        pat: Pat::None,
                        min: 1,
                        max: usize::MAX,
                    }),
                    Ty::Str(&Str {
                        fmt: Fmt::IriRef,
                        pat: Pat::BomLinkElement,
                        min: 0,
                        max: usize::MAX,
                    }),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5,
        },
    ],
    required: &[("field", V1_5)],
    open: 0,
    additional: &[],
};
pub(super) static O_COMPONENTEVIDENCE_IDENTITY_METHODS_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "technique",
            ty: Ty::Vocab(&vocab::IDENTITY_TECHNIQUES),
            vers: V1_5,
        },
        P {
            name: "confidence",
            ty: Ty::Num(&Num {
                integer: false,
                min: Some(0.0),
                max: Some(1.0),
                exclusive_min: None,
            }),
            vers: V1_5,
        },
        P {
            name: "value",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5,
        },
    ],
    required: &[("technique", V1_5), ("confidence", V1_5)],
    open: 0,
    additional: &[],
};
pub(super) static O_COMPONENTEVIDENCE_OCCURRENCES_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "location",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "line",
            ty: Ty::Num(&Num {
                integer: true,
                min: Some(0.0),
                max: None,
                exclusive_min: None,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "offset",
            ty: Ty::Num(&Num {
                integer: true,
                min: Some(0.0),
                max: None,
                exclusive_min: None,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "symbol",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "additionalContext",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[("location", V1_5 | V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_COMPONENTEVIDENCE_CALLSTACK: Obj = Obj {
    name: "callstack",
    props: &[P {
        name: "frames",
        ty: Ty::Arr(&Arr {
            items: Ty::Obj(&O_COMPONENTEVIDENCE_CALLSTACK_FRAMES_ITEMS),
            unique: false,
            min: 0,
            max: usize::MAX,
        }),
        vers: V1_5 | V1_6 | V1_7,
    }],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_COMPONENTEVIDENCE_CALLSTACK_FRAMES_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "package",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "module",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "function",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "parameters",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "line",
            ty: Ty::Num(&Num {
                integer: true,
                min: None,
                max: None,
                exclusive_min: None,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "column",
            ty: Ty::Num(&Num {
                integer: true,
                min: None,
                max: None,
                exclusive_min: None,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "fullFilename",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[("module", V1_5 | V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_MODELCARD: Obj = Obj {
    name: "modelCard",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "modelParameters",
            ty: Ty::Obj(&O_MODELCARD_MODELPARAMETERS),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "quantitativeAnalysis",
            ty: Ty::Obj(&O_MODELCARD_QUANTITATIVEANALYSIS),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "considerations",
            ty: Ty::Obj(&O_MODELCARD_CONSIDERATIONS),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_MODELCARD_MODELPARAMETERS: Obj = Obj {
    name: "modelParameters",
    props: &[
        P {
            name: "approach",
            ty: Ty::Obj(&O_MODELCARD_MODELPARAMETERS_APPROACH),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "task",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "architectureFamily",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "modelArchitecture",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "datasets",
            ty: Ty::Arr(&Arr {
                items: Ty::OneOf(&[
                    Ty::Obj(&O_COMPONENTDATA),
                    Ty::Obj(&O_MODELCARD_MODELPARAMETERS_DATASETS_ITEMS_ONEOF1),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "inputs",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_INPUTOUTPUTMLPARAMETERS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "outputs",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_INPUTOUTPUTMLPARAMETERS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_MODELCARD_MODELPARAMETERS_APPROACH: Obj = Obj {
    name: "approach",
    props: &[P {
        name: "type",
        ty: Ty::Vocab(&vocab::ML_APPROACHES),
        vers: V1_5 | V1_6 | V1_7,
    }],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_COMPONENTDATA: Obj = Obj {
    name: "componentData",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "type",
            ty: Ty::Vocab(&vocab::COMPONENT_DATA_TYPES),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "contents",
            ty: Ty::Obj(&O_COMPONENTDATA_CONTENTS),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "classification",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "sensitiveData",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "graphics",
            ty: Ty::Obj(&O_GRAPHICSCOLLECTION),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "governance",
            ty: Ty::Obj(&O_DATAGOVERNANCE),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[("type", V1_5 | V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_COMPONENTDATA_CONTENTS: Obj = Obj {
    name: "contents",
    props: &[
        P {
            name: "attachment",
            ty: Ty::Obj(&O_ATTACHMENT),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::IriRef,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_GRAPHICSCOLLECTION: Obj = Obj {
    name: "graphicsCollection",
    props: &[
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "collection",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_GRAPHIC),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_GRAPHIC: Obj = Obj {
    name: "graphic",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "image",
            ty: Ty::Obj(&O_ATTACHMENT),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_DATAGOVERNANCE: Obj = Obj {
    name: "dataGovernance",
    props: &[
        P {
            name: "custodians",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_DATAGOVERNANCERESPONSIBLEPARTY),
                    Ty::OneOf(&[
                        Ty::Obj(&O_DATAGOVERNANCERESPONSIBLEPARTY_ONEOF0),
                        Ty::Obj(&O_DATAGOVERNANCERESPONSIBLEPARTY_ONEOF1),
                    ]),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "stewards",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_DATAGOVERNANCERESPONSIBLEPARTY),
                    Ty::OneOf(&[
                        Ty::Obj(&O_DATAGOVERNANCERESPONSIBLEPARTY_ONEOF0),
                        Ty::Obj(&O_DATAGOVERNANCERESPONSIBLEPARTY_ONEOF1),
                    ]),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "owners",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_DATAGOVERNANCERESPONSIBLEPARTY),
                    Ty::OneOf(&[
                        Ty::Obj(&O_DATAGOVERNANCERESPONSIBLEPARTY_ONEOF0),
                        Ty::Obj(&O_DATAGOVERNANCERESPONSIBLEPARTY_ONEOF1),
                    ]),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_DATAGOVERNANCERESPONSIBLEPARTY_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("organization", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_DATAGOVERNANCERESPONSIBLEPARTY_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[("contact", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_DATAGOVERNANCERESPONSIBLEPARTY: Obj = Obj {
    name: "dataGovernanceResponsibleParty",
    props: &[
        P {
            name: "organization",
            ty: Ty::Obj(&O_ORGANIZATIONALENTITY),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "contact",
            ty: Ty::Obj(&O_ORGANIZATIONALCONTACT),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_MODELCARD_MODELPARAMETERS_DATASETS_ITEMS_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[
        P {
            name: "ref",
            ty: Ty::AnyOf(&[
                Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                Ty::Str(&Str {
                    fmt: Fmt::IriRef,
                    pat: Pat::BomLinkElement,
                    min: 0,
                    max: usize::MAX,
                }),
            ]),
            vers: V1_5,
        },
        P {
            name: "ref",
            ty: Ty::AllOf(&[
                Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                Ty::AnyOf(&[
                    Ty::Str(&Str {
                        fmt: Fmt::Any,
                        pat: Pat::None,
                        min: 1,
                        max: usize::MAX,
                    }),
                    Ty::Str(&Str {
                        fmt: Fmt::IriRef,
                        pat: Pat::BomLinkElement,
                        min: 0,
                        max: usize::MAX,
                    }),
                ]),
            ]),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_INPUTOUTPUTMLPARAMETERS: Obj = Obj {
    name: "inputOutputMLParameters",
    props: &[P {
        name: "format",
        ty: Ty::Str(&Str {
            fmt: Fmt::Any,
            pat: Pat::None,
            min: 0,
            max: usize::MAX,
        }),
        vers: V1_5 | V1_6 | V1_7,
    }],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_MODELCARD_QUANTITATIVEANALYSIS: Obj = Obj {
    name: "quantitativeAnalysis",
    props: &[
        P {
            name: "performanceMetrics",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PERFORMANCEMETRIC),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "graphics",
            ty: Ty::Obj(&O_GRAPHICSCOLLECTION),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_PERFORMANCEMETRIC: Obj = Obj {
    name: "performanceMetric",
    props: &[
        P {
            name: "type",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "value",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "slice",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "confidenceInterval",
            ty: Ty::Obj(&O_PERFORMANCEMETRIC_CONFIDENCEINTERVAL),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_PERFORMANCEMETRIC_CONFIDENCEINTERVAL: Obj = Obj {
    name: "confidenceInterval",
    props: &[
        P {
            name: "lowerBound",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "upperBound",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_MODELCARD_CONSIDERATIONS: Obj = Obj {
    name: "considerations",
    props: &[
        P {
            name: "users",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "useCases",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "technicalLimitations",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "performanceTradeoffs",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "ethicalConsiderations",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_RISK),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "fairnessAssessments",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_FAIRNESSASSESSMENT),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "environmentalConsiderations",
            ty: Ty::Obj(&O_ENVIRONMENTALCONSIDERATIONS),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_RISK: Obj = Obj {
    name: "risk",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "mitigationStrategy",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_FAIRNESSASSESSMENT: Obj = Obj {
    name: "fairnessAssessment",
    props: &[
        P {
            name: "groupAtRisk",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "benefits",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "harms",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "mitigationStrategy",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_SERVICEDATA: Obj = Obj {
    name: "serviceData",
    props: &[
        P {
            name: "flow",
            ty: Ty::Vocab(&vocab::DATA_FLOWS),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "classification",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "governance",
            ty: Ty::Obj(&O_DATAGOVERNANCE),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "source",
            ty: Ty::Arr(&Arr {
                items: Ty::AnyOf(&[
                    Ty::Str(&Str {
                        fmt: Fmt::IriRef,
                        pat: Pat::None,
                        min: 0,
                        max: usize::MAX,
                    }),
                    Ty::Str(&Str {
                        fmt: Fmt::IriRef,
                        pat: Pat::BomLinkElement,
                        min: 0,
                        max: usize::MAX,
                    }),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "destination",
            ty: Ty::Arr(&Arr {
                items: Ty::AnyOf(&[
                    Ty::Str(&Str {
                        fmt: Fmt::IriRef,
                        pat: Pat::None,
                        min: 0,
                        max: usize::MAX,
                    }),
                    Ty::Str(&Str {
                        fmt: Fmt::IriRef,
                        pat: Pat::BomLinkElement,
                        min: 0,
                        max: usize::MAX,
                    }),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[
        ("flow", V1_5 | V1_6 | V1_7),
        ("classification", V1_5 | V1_6 | V1_7),
    ],
    open: 0,
    additional: &[],
};
pub(super) static O_VULNERABILITY_PROOFOFCONCEPT: Obj = Obj {
    name: "proofOfConcept",
    props: &[
        P {
            name: "reproductionSteps",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "environment",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "supportingMaterial",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_ATTACHMENT),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_VULNERABILITY_TOOLS_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[
        P {
            name: "components",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[Ty::Obj(&O_COMPONENT), Ty::Rule(Rule::ExternalVersionRange)]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "services",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_SERVICE),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_ANNOTATIONS: Obj = Obj {
    name: "annotations",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "subjects",
            ty: Ty::Arr(&Arr {
                items: Ty::AnyOf(&[
                    Ty::Str(&Str {
                        fmt: Fmt::Any,
                        pat: Pat::None,
                        min: 1,
                        max: usize::MAX,
                    }),
                    Ty::Str(&Str {
                        fmt: Fmt::IriRef,
                        pat: Pat::BomLinkElement,
                        min: 0,
                        max: usize::MAX,
                    }),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "annotator",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_ANNOTATIONS_ANNOTATOR),
                Ty::OneOf(&[
                    Ty::Obj(&O_ANNOTATIONS_ANNOTATOR_ONEOF0),
                    Ty::Obj(&O_ANNOTATIONS_ANNOTATOR_ONEOF1),
                    Ty::Obj(&O_ANNOTATIONS_ANNOTATOR_ONEOF2),
                    Ty::Obj(&O_ANNOTATIONS_ANNOTATOR_ONEOF3),
                ]),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "timestamp",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "text",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "signature",
            ty: Ty::Signature,
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[
        ("subjects", V1_5 | V1_6 | V1_7),
        ("annotator", V1_5 | V1_6 | V1_7),
        ("timestamp", V1_5 | V1_6 | V1_7),
        ("text", V1_5 | V1_6 | V1_7),
    ],
    open: 0,
    additional: &[],
};
pub(super) static O_ANNOTATIONS_ANNOTATOR_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("organization", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_ANNOTATIONS_ANNOTATOR_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[("individual", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_ANNOTATIONS_ANNOTATOR_ONEOF2: Obj = Obj {
    name: "oneOf2",
    props: &[],
    required: &[("component", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_ANNOTATIONS_ANNOTATOR_ONEOF3: Obj = Obj {
    name: "oneOf3",
    props: &[],
    required: &[("service", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_ANNOTATIONS_ANNOTATOR: Obj = Obj {
    name: "annotator",
    props: &[
        P {
            name: "organization",
            ty: Ty::Obj(&O_ORGANIZATIONALENTITY),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "individual",
            ty: Ty::Obj(&O_ORGANIZATIONALCONTACT),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "component",
            ty: Ty::AllOf(&[Ty::Obj(&O_COMPONENT), Ty::Rule(Rule::ExternalVersionRange)]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "service",
            ty: Ty::Obj(&O_SERVICE),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_FORMULA: Obj = Obj {
    name: "formula",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "components",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[Ty::Obj(&O_COMPONENT), Ty::Rule(Rule::ExternalVersionRange)]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "services",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_SERVICE),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "workflows",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_WORKFLOW),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_WORKFLOW: Obj = Obj {
    name: "workflow",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "uid",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "resourceReferences",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE),
                    Ty::OneOf(&[
                        Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF0),
                        Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF1),
                    ]),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "tasks",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_TASK),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "taskDependencies",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_DEPENDENCY),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "taskTypes",
            ty: Ty::Arr(&Arr {
                items: Ty::Vocab(&vocab::TASK_TYPES),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "trigger",
            ty: Ty::Obj(&O_TRIGGER),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "steps",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_STEP),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "inputs",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_INPUTTYPE),
                    Ty::OneOf(&[
                        Ty::Obj(&O_INPUTTYPE_ONEOF0),
                        Ty::Obj(&O_INPUTTYPE_ONEOF1),
                        Ty::Obj(&O_INPUTTYPE_ONEOF2),
                        Ty::Obj(&O_INPUTTYPE_ONEOF3),
                    ]),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "outputs",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_OUTPUTTYPE),
                    Ty::OneOf(&[
                        Ty::Obj(&O_OUTPUTTYPE_ONEOF0),
                        Ty::Obj(&O_OUTPUTTYPE_ONEOF1),
                        Ty::Obj(&O_OUTPUTTYPE_ONEOF2),
                    ]),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "timeStart",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "timeEnd",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "workspaces",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_WORKSPACE),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "runtimeTopology",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_DEPENDENCY),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[
        ("bom-ref", V1_5 | V1_6 | V1_7),
        ("uid", V1_5 | V1_6 | V1_7),
        ("taskTypes", V1_5 | V1_6 | V1_7),
    ],
    open: 0,
    additional: &[],
};
pub(super) static O_RESOURCEREFERENCECHOICE_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("ref", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_RESOURCEREFERENCECHOICE_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[("externalReference", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_RESOURCEREFERENCECHOICE: Obj = Obj {
    name: "resourceReferenceChoice",
    props: &[
        P {
            name: "ref",
            ty: Ty::AnyOf(&[
                Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                Ty::Str(&Str {
                    fmt: Fmt::IriRef,
                    pat: Pat::BomLinkElement,
                    min: 0,
                    max: usize::MAX,
                }),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "externalReference",
            ty: Ty::Obj(&O_EXTERNALREFERENCE),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_TASK: Obj = Obj {
    name: "task",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "uid",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "resourceReferences",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE),
                    Ty::OneOf(&[
                        Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF0),
                        Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF1),
                    ]),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "taskTypes",
            ty: Ty::Arr(&Arr {
                items: Ty::Vocab(&vocab::TASK_TYPES),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "trigger",
            ty: Ty::Obj(&O_TRIGGER),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "steps",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_STEP),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "inputs",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_INPUTTYPE),
                    Ty::OneOf(&[
                        Ty::Obj(&O_INPUTTYPE_ONEOF0),
                        Ty::Obj(&O_INPUTTYPE_ONEOF1),
                        Ty::Obj(&O_INPUTTYPE_ONEOF2),
                        Ty::Obj(&O_INPUTTYPE_ONEOF3),
                    ]),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "outputs",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_OUTPUTTYPE),
                    Ty::OneOf(&[
                        Ty::Obj(&O_OUTPUTTYPE_ONEOF0),
                        Ty::Obj(&O_OUTPUTTYPE_ONEOF1),
                        Ty::Obj(&O_OUTPUTTYPE_ONEOF2),
                    ]),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "timeStart",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "timeEnd",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "workspaces",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_WORKSPACE),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "runtimeTopology",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_DEPENDENCY),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[
        ("bom-ref", V1_5 | V1_6 | V1_7),
        ("uid", V1_5 | V1_6 | V1_7),
        ("taskTypes", V1_5 | V1_6 | V1_7),
    ],
    open: 0,
    additional: &[],
};
pub(super) static O_TRIGGER: Obj = Obj {
    name: "trigger",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "uid",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "resourceReferences",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE),
                    Ty::OneOf(&[
                        Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF0),
                        Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF1),
                    ]),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "type",
            ty: Ty::Vocab(&vocab::TRIGGER_TYPES),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "event",
            ty: Ty::Obj(&O_EVENT),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "conditions",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_CONDITION),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "timeActivated",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "inputs",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_INPUTTYPE),
                    Ty::OneOf(&[
                        Ty::Obj(&O_INPUTTYPE_ONEOF0),
                        Ty::Obj(&O_INPUTTYPE_ONEOF1),
                        Ty::Obj(&O_INPUTTYPE_ONEOF2),
                        Ty::Obj(&O_INPUTTYPE_ONEOF3),
                    ]),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "outputs",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_OUTPUTTYPE),
                    Ty::OneOf(&[
                        Ty::Obj(&O_OUTPUTTYPE_ONEOF0),
                        Ty::Obj(&O_OUTPUTTYPE_ONEOF1),
                        Ty::Obj(&O_OUTPUTTYPE_ONEOF2),
                    ]),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[
        ("type", V1_5 | V1_6 | V1_7),
        ("bom-ref", V1_5 | V1_6 | V1_7),
        ("uid", V1_5 | V1_6 | V1_7),
    ],
    open: 0,
    additional: &[],
};
pub(super) static O_EVENT: Obj = Obj {
    name: "event",
    props: &[
        P {
            name: "uid",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "timeReceived",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "data",
            ty: Ty::Obj(&O_ATTACHMENT),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "source",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_RESOURCEREFERENCECHOICE),
                Ty::OneOf(&[
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF0),
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF1),
                ]),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "target",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_RESOURCEREFERENCECHOICE),
                Ty::OneOf(&[
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF0),
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF1),
                ]),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_CONDITION: Obj = Obj {
    name: "condition",
    props: &[
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "expression",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_INPUTTYPE_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("resource", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_INPUTTYPE_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[("parameters", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_INPUTTYPE_ONEOF2: Obj = Obj {
    name: "oneOf2",
    props: &[],
    required: &[("environmentVars", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_INPUTTYPE_ONEOF3: Obj = Obj {
    name: "oneOf3",
    props: &[],
    required: &[("data", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_INPUTTYPE: Obj = Obj {
    name: "inputType",
    props: &[
        P {
            name: "source",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_RESOURCEREFERENCECHOICE),
                Ty::OneOf(&[
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF0),
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF1),
                ]),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "target",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_RESOURCEREFERENCECHOICE),
                Ty::OneOf(&[
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF0),
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF1),
                ]),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "resource",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_RESOURCEREFERENCECHOICE),
                Ty::OneOf(&[
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF0),
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF1),
                ]),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "parameters",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PARAMETER),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "environmentVars",
            ty: Ty::Arr(&Arr {
                items: Ty::OneOf(&[
                    Ty::Obj(&O_PROPERTY),
                    Ty::Str(&Str {
                        fmt: Fmt::Any,
                        pat: Pat::None,
                        min: 0,
                        max: usize::MAX,
                    }),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "data",
            ty: Ty::Obj(&O_ATTACHMENT),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_PARAMETER: Obj = Obj {
    name: "parameter",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "value",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "dataType",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_OUTPUTTYPE_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("resource", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_OUTPUTTYPE_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[("environmentVars", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_OUTPUTTYPE_ONEOF2: Obj = Obj {
    name: "oneOf2",
    props: &[],
    required: &[("data", V1_5 | V1_6 | V1_7)],
    open: V1_5 | V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_OUTPUTTYPE: Obj = Obj {
    name: "outputType",
    props: &[
        P {
            name: "type",
            ty: Ty::Vocab(&vocab::OUTPUT_TYPES),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "source",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_RESOURCEREFERENCECHOICE),
                Ty::OneOf(&[
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF0),
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF1),
                ]),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "target",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_RESOURCEREFERENCECHOICE),
                Ty::OneOf(&[
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF0),
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF1),
                ]),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "resource",
            ty: Ty::AllOf(&[
                Ty::Obj(&O_RESOURCEREFERENCECHOICE),
                Ty::OneOf(&[
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF0),
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF1),
                ]),
            ]),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "data",
            ty: Ty::Obj(&O_ATTACHMENT),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "environmentVars",
            ty: Ty::Arr(&Arr {
                items: Ty::OneOf(&[
                    Ty::Obj(&O_PROPERTY),
                    Ty::Str(&Str {
                        fmt: Fmt::Any,
                        pat: Pat::None,
                        min: 0,
                        max: usize::MAX,
                    }),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_STEP: Obj = Obj {
    name: "step",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "commands",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_COMMAND),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_COMMAND: Obj = Obj {
    name: "command",
    props: &[
        P {
            name: "executed",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_WORKSPACE: Obj = Obj {
    name: "workspace",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "uid",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "aliases",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "resourceReferences",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_RESOURCEREFERENCECHOICE),
                    Ty::OneOf(&[
                        Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF0),
                        Ty::Obj(&O_RESOURCEREFERENCECHOICE_ONEOF1),
                    ]),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "accessMode",
            ty: Ty::Vocab(&vocab::WORKSPACE_ACCESS_MODES),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "mountPath",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "managedDataType",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "volumeRequest",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "volume",
            ty: Ty::Obj(&O_VOLUME),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[("bom-ref", V1_5 | V1_6 | V1_7), ("uid", V1_5 | V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_VOLUME: Obj = Obj {
    name: "volume",
    props: &[
        P {
            name: "uid",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "mode",
            ty: Ty::Vocab(&vocab::VOLUME_MODES),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "path",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "sizeAllocated",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "persistent",
            ty: Ty::Bool,
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "remote",
            ty: Ty::Bool,
            vers: V1_5 | V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_5 | V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_POSTALADDRESS: Obj = Obj {
    name: "postalAddress",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "country",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "region",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "locality",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "postOfficeBoxNumber",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "postalCode",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "streetAddress",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_COMPONENTIDENTITYEVIDENCE: Obj = Obj {
    name: "componentIdentityEvidence",
    props: &[
        P {
            name: "field",
            ty: Ty::Vocab(&vocab::IDENTITY_FIELDS),
            vers: V1_6 | V1_7,
        },
        P {
            name: "confidence",
            ty: Ty::Num(&Num {
                integer: false,
                min: Some(0.0),
                max: Some(1.0),
                exclusive_min: None,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "concludedValue",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "methods",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_COMPONENTIDENTITYEVIDENCE_METHODS_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "tools",
            ty: Ty::Arr(&Arr {
                items: Ty::AnyOf(&[
                    Ty::Str(&Str {
                        fmt: Fmt::Any,
                        pat: Pat::None,
                        min: 1,
                        max: usize::MAX,
                    }),
                    Ty::Str(&Str {
                        fmt: Fmt::IriRef,
                        pat: Pat::BomLinkElement,
                        min: 0,
                        max: usize::MAX,
                    }),
                ]),
                unique: true,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[("field", V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_COMPONENTIDENTITYEVIDENCE_METHODS_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "technique",
            ty: Ty::Vocab(&vocab::IDENTITY_TECHNIQUES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "confidence",
            ty: Ty::Num(&Num {
                integer: false,
                min: Some(0.0),
                max: Some(1.0),
                exclusive_min: None,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "value",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[("technique", V1_6 | V1_7), ("confidence", V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_ENVIRONMENTALCONSIDERATIONS: Obj = Obj {
    name: "environmentalConsiderations",
    props: &[
        P {
            name: "energyConsumptions",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_ENERGYCONSUMPTION),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_ENERGYCONSUMPTION: Obj = Obj {
    name: "energyConsumption",
    props: &[
        P {
            name: "activity",
            ty: Ty::Vocab(&vocab::ENERGY_ACTIVITIES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "energyProviders",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_ENERGYPROVIDER),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "activityEnergyCost",
            ty: Ty::Obj(&O_ENERGYMEASURE),
            vers: V1_6 | V1_7,
        },
        P {
            name: "co2CostEquivalent",
            ty: Ty::Obj(&O_CO2MEASURE),
            vers: V1_6 | V1_7,
        },
        P {
            name: "co2CostOffset",
            ty: Ty::Obj(&O_CO2MEASURE),
            vers: V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[
        ("activity", V1_6 | V1_7),
        ("energyProviders", V1_6 | V1_7),
        ("activityEnergyCost", V1_6 | V1_7),
    ],
    open: 0,
    additional: &[],
};
pub(super) static O_ENERGYPROVIDER: Obj = Obj {
    name: "energyProvider",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "organization",
            ty: Ty::Obj(&O_ORGANIZATIONALENTITY),
            vers: V1_6 | V1_7,
        },
        P {
            name: "energySource",
            ty: Ty::Vocab(&vocab::ENERGY_SOURCES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "energyProvided",
            ty: Ty::Obj(&O_ENERGYMEASURE),
            vers: V1_6 | V1_7,
        },
        P {
            name: "externalReferences",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_EXTERNALREFERENCE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[
        ("organization", V1_6 | V1_7),
        ("energySource", V1_6 | V1_7),
        ("energyProvided", V1_6 | V1_7),
    ],
    open: 0,
    additional: &[],
};
pub(super) static O_ENERGYMEASURE: Obj = Obj {
    name: "energyMeasure",
    props: &[
        P {
            name: "value",
            ty: Ty::Num(&Num {
                integer: false,
                min: None,
                max: None,
                exclusive_min: None,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "unit",
            ty: Ty::Vocab(&vocab::ENERGY_UNITS),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[("value", V1_6 | V1_7), ("unit", V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_CO2MEASURE: Obj = Obj {
    name: "co2Measure",
    props: &[
        P {
            name: "value",
            ty: Ty::Num(&Num {
                integer: false,
                min: None,
                max: None,
                exclusive_min: None,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "unit",
            ty: Ty::Vocab(&vocab::CO2_UNITS),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[("value", V1_6 | V1_7), ("unit", V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_CRYPTOPROPERTIES: Obj = Obj {
    name: "cryptoProperties",
    props: &[
        P {
            name: "assetType",
            ty: Ty::Vocab(&vocab::CRYPTO_ASSET_TYPES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "algorithmProperties",
            ty: Ty::Obj(&O_CRYPTOPROPERTIES_ALGORITHMPROPERTIES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "certificateProperties",
            ty: Ty::Obj(&O_CRYPTOPROPERTIES_CERTIFICATEPROPERTIES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "relatedCryptoMaterialProperties",
            ty: Ty::Obj(&O_CRYPTOPROPERTIES_RELATEDCRYPTOMATERIALPROPERTIES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "protocolProperties",
            ty: Ty::Obj(&O_CRYPTOPROPERTIES_PROTOCOLPROPERTIES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "oid",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[("assetType", V1_6 | V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_CRYPTOPROPERTIES_ALGORITHMPROPERTIES: Obj = Obj {
    name: "algorithmProperties",
    props: &[
        P {
            name: "primitive",
            ty: Ty::Vocab(&vocab::CRYPTO_PRIMITIVES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "parameterSetIdentifier",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "curve",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "executionEnvironment",
            ty: Ty::Vocab(&vocab::CRYPTO_EXECUTION_ENVIRONMENTS),
            vers: V1_6 | V1_7,
        },
        P {
            name: "implementationPlatform",
            ty: Ty::Vocab(&vocab::CRYPTO_IMPLEMENTATION_PLATFORMS),
            vers: V1_6 | V1_7,
        },
        P {
            name: "certificationLevel",
            ty: Ty::Arr(&Arr {
                items: Ty::Vocab(&vocab::CRYPTO_CERTIFICATION_LEVELS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "mode",
            ty: Ty::Vocab(&vocab::CRYPTO_MODES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "padding",
            ty: Ty::Vocab(&vocab::CRYPTO_PADDINGS),
            vers: V1_6 | V1_7,
        },
        P {
            name: "cryptoFunctions",
            ty: Ty::Arr(&Arr {
                items: Ty::Vocab(&vocab::CRYPTO_FUNCTIONS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "classicalSecurityLevel",
            ty: Ty::Num(&Num {
                integer: true,
                min: Some(0.0),
                max: None,
                exclusive_min: None,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "nistQuantumSecurityLevel",
            ty: Ty::Num(&Num {
                integer: true,
                min: Some(0.0),
                max: Some(6.0),
                exclusive_min: None,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "algorithmFamily",
            ty: Ty::Vocab(&vocab::CRYPTO_ALGORITHM_FAMILIES),
            vers: V1_7,
        },
        P {
            name: "ellipticCurve",
            ty: Ty::Vocab(&vocab::ELLIPTIC_CURVES),
            vers: V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_CRYPTOPROPERTIES_CERTIFICATEPROPERTIES: Obj = Obj {
    name: "certificateProperties",
    props: &[
        P {
            name: "subjectName",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "issuerName",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "notValidBefore",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "notValidAfter",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "signatureAlgorithmRef",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "subjectPublicKeyRef",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "certificateFormat",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "certificateExtension",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },P { name: "serialNumber", ty: Ty::Str(&Str { fmt: Fmt::Any, pat: Pat::None, min: 0, max: usize::MAX }), vers: V1_7 },P { name: "certificateFileExtension", ty: Ty::Str(&Str { fmt: Fmt::Any, pat: Pat::None, min: 0, max: usize::MAX }), vers: V1_7 },P { name: "fingerprint", ty: Ty::Obj(&O_HASH), vers: V1_7 },P { name: "certificateState", ty: Ty::Arr(&Arr { items: Ty::OneOf(&[Ty::Obj(&O_CRYPTOPROPERTIES_CERTIFICATEPROPERTIES_CERTIFICATESTATE_ITEMS_ONEOF0), Ty::Obj(&O_CRYPTOPROPERTIES_CERTIFICATEPROPERTIES_CERTIFICATESTATE_ITEMS_ONEOF1)]), unique: false, min: 0, max: usize::MAX }), vers: V1_7 },P { name: "creationDate", ty: Ty::Str(&Str { fmt: Fmt::DateTime, pat: Pat::None, min: 0, max: usize::MAX }), vers: V1_7 },P { name: "activationDate", ty: Ty::Str(&Str { fmt: Fmt::DateTime, pat: Pat::None, min: 0, max: usize::MAX }), vers: V1_7 },P { name: "deactivationDate", ty: Ty::Str(&Str { fmt: Fmt::DateTime, pat: Pat::None, min: 0, max: usize::MAX }), vers: V1_7 },P { name: "revocationDate", ty: Ty::Str(&Str { fmt: Fmt::DateTime, pat: Pat::None, min: 0, max: usize::MAX }), vers: V1_7 },P { name: "destructionDate", ty: Ty::Str(&Str { fmt: Fmt::DateTime, pat: Pat::None, min: 0, max: usize::MAX }), vers: V1_7 },P { name: "certificateExtensions", ty: Ty::Arr(&Arr { items: Ty::OneOf(&[Ty::Obj(&O_CRYPTOPROPERTIES_CERTIFICATEPROPERTIES_CERTIFICATEEXTENSIONS_ITEMS_ONEOF0), Ty::Obj(&O_CRYPTOPROPERTIES_CERTIFICATEPROPERTIES_CERTIFICATEEXTENSIONS_ITEMS_ONEOF1)]), unique: false, min: 0, max: usize::MAX }), vers: V1_7 },P { name: "relatedCryptographicAssets", ty: Ty::Arr(&Arr { items: Ty::Obj(&O_RELATEDCRYPTOGRAPHICASSET), unique: false, min: 0, max: usize::MAX }), vers: V1_7 },],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_CRYPTOPROPERTIES_RELATEDCRYPTOMATERIALPROPERTIES: Obj = Obj {
    name: "relatedCryptoMaterialProperties",
    props: &[
        P {
            name: "type",
            ty: Ty::Vocab(&vocab::CRYPTO_MATERIAL_TYPES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "id",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "state",
            ty: Ty::Vocab(&vocab::CRYPTO_MATERIAL_STATES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "algorithmRef",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "creationDate",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "activationDate",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "updateDate",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "expirationDate",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "value",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "size",
            ty: Ty::Num(&Num {
                integer: true,
                min: None,
                max: None,
                exclusive_min: None,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "format",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "securedBy",
            ty: Ty::Obj(&O_SECUREDBY),
            vers: V1_6 | V1_7,
        },
        P {
            name: "fingerprint",
            ty: Ty::Obj(&O_HASH),
            vers: V1_7,
        },
        P {
            name: "relatedCryptographicAssets",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_RELATEDCRYPTOGRAPHICASSET),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_SECUREDBY: Obj = Obj {
    name: "securedBy",
    props: &[
        P {
            name: "mechanism",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "algorithmRef",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_CRYPTOPROPERTIES_PROTOCOLPROPERTIES: Obj = Obj {
    name: "protocolProperties",
    props: &[
        P {
            name: "type",
            ty: Ty::Vocab(&vocab::CRYPTO_PROTOCOL_TYPES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "version",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "cipherSuites",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_CIPHERSUITE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "ikev2TransformTypes",
            ty: Ty::Obj(&O_CRYPTOPROPERTIES_PROTOCOLPROPERTIES_IKEV2TRANSFORMTYPES),
            vers: V1_6 | V1_7,
        },
        P {
            name: "cryptoRefArray",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "relatedCryptographicAssets",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_RELATEDCRYPTOGRAPHICASSET),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_CIPHERSUITE: Obj = Obj {
    name: "cipherSuite",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "algorithms",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "identifiers",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "tlsGroups",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "tlsSignatureSchemes",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_CRYPTOPROPERTIES_PROTOCOLPROPERTIES_IKEV2TRANSFORMTYPES: Obj = Obj {
    name: "ikev2TransformTypes",
    props: &[
        P {
            name: "encr",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6,
        },
        P {
            name: "prf",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6,
        },
        P {
            name: "integ",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6,
        },
        P {
            name: "ke",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6,
        },
        P {
            name: "esn",
            ty: Ty::Bool,
            vers: V1_6 | V1_7,
        },
        P {
            name: "auth",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6,
        },
        P {
            name: "encr",
            ty: Ty::AnyOf(&[
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_IKEV2ENC),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
                Ty::Arr(&Arr {
                    items: Ty::Str(&Str {
                        fmt: Fmt::Any,
                        pat: Pat::None,
                        min: 1,
                        max: usize::MAX,
                    }),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
            ]),
            vers: V1_7,
        },
        P {
            name: "prf",
            ty: Ty::AnyOf(&[
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_IKEV2PRF),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
                Ty::Arr(&Arr {
                    items: Ty::Str(&Str {
                        fmt: Fmt::Any,
                        pat: Pat::None,
                        min: 1,
                        max: usize::MAX,
                    }),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
            ]),
            vers: V1_7,
        },
        P {
            name: "integ",
            ty: Ty::AnyOf(&[
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_IKEV2INTEG),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
                Ty::Arr(&Arr {
                    items: Ty::Str(&Str {
                        fmt: Fmt::Any,
                        pat: Pat::None,
                        min: 1,
                        max: usize::MAX,
                    }),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
            ]),
            vers: V1_7,
        },
        P {
            name: "ke",
            ty: Ty::AnyOf(&[
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_IKEV2KE),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
                Ty::Arr(&Arr {
                    items: Ty::Str(&Str {
                        fmt: Fmt::Any,
                        pat: Pat::None,
                        min: 1,
                        max: usize::MAX,
                    }),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
            ]),
            vers: V1_7,
        },
        P {
            name: "auth",
            ty: Ty::AnyOf(&[
                Ty::Arr(&Arr {
                    items: Ty::Obj(&O_IKEV2AUTH),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
                Ty::Arr(&Arr {
                    items: Ty::Str(&Str {
                        fmt: Fmt::Any,
                        pat: Pat::None,
                        min: 1,
                        max: usize::MAX,
                    }),
                    unique: false,
                    min: 0,
                    max: usize::MAX,
                }),
            ]),
            vers: V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS: Obj = Obj {
    name: "declarations",
    props: &[
        P {
            name: "assessors",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_BOM_DECLARATIONS_ASSESSORS_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "attestations",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_BOM_DECLARATIONS_ATTESTATIONS_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "claims",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_BOM_DECLARATIONS_CLAIMS_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "evidence",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_BOM_DECLARATIONS_EVIDENCE_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "targets",
            ty: Ty::Obj(&O_BOM_DECLARATIONS_TARGETS),
            vers: V1_6 | V1_7,
        },
        P {
            name: "affirmation",
            ty: Ty::Obj(&O_BOM_DECLARATIONS_AFFIRMATION),
            vers: V1_6 | V1_7,
        },
        P {
            name: "signature",
            ty: Ty::Signature,
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS_ASSESSORS_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "thirdParty",
            ty: Ty::Bool,
            vers: V1_6 | V1_7,
        },
        P {
            name: "organization",
            ty: Ty::Obj(&O_ORGANIZATIONALENTITY),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS_ATTESTATIONS_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "summary",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "assessor",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "map",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_BOM_DECLARATIONS_ATTESTATIONS_ITEMS_MAP_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "signature",
            ty: Ty::Signature,
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS_ATTESTATIONS_ITEMS_MAP_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "requirement",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "claims",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "counterClaims",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "conformance",
            ty: Ty::Obj(&O_BOM_DECLARATIONS_ATTESTATIONS_ITEMS_MAP_ITEMS_CONFORMANCE),
            vers: V1_6 | V1_7,
        },
        P {
            name: "confidence",
            ty: Ty::Obj(&O_BOM_DECLARATIONS_ATTESTATIONS_ITEMS_MAP_ITEMS_CONFIDENCE),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS_ATTESTATIONS_ITEMS_MAP_ITEMS_CONFORMANCE: Obj = Obj {
    name: "conformance",
    props: &[
        P {
            name: "score",
            ty: Ty::Num(&Num {
                integer: false,
                min: Some(0.0),
                max: Some(1.0),
                exclusive_min: None,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "rationale",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "mitigationStrategies",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS_ATTESTATIONS_ITEMS_MAP_ITEMS_CONFIDENCE: Obj = Obj {
    name: "confidence",
    props: &[
        P {
            name: "score",
            ty: Ty::Num(&Num {
                integer: false,
                min: Some(0.0),
                max: Some(1.0),
                exclusive_min: None,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "rationale",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS_CLAIMS_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "target",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "predicate",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "mitigationStrategies",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "reasoning",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "evidence",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "counterEvidence",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "externalReferences",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_EXTERNALREFERENCE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "signature",
            ty: Ty::Signature,
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS_EVIDENCE_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "propertyName",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "data",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_BOM_DECLARATIONS_EVIDENCE_ITEMS_DATA_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "created",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "expires",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "author",
            ty: Ty::Obj(&O_ORGANIZATIONALCONTACT),
            vers: V1_6 | V1_7,
        },
        P {
            name: "reviewer",
            ty: Ty::Obj(&O_ORGANIZATIONALCONTACT),
            vers: V1_6 | V1_7,
        },
        P {
            name: "signature",
            ty: Ty::Signature,
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS_EVIDENCE_ITEMS_DATA_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "contents",
            ty: Ty::Obj(&O_BOM_DECLARATIONS_EVIDENCE_ITEMS_DATA_ITEMS_CONTENTS),
            vers: V1_6 | V1_7,
        },
        P {
            name: "classification",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "sensitiveData",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "governance",
            ty: Ty::Obj(&O_DATAGOVERNANCE),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS_EVIDENCE_ITEMS_DATA_ITEMS_CONTENTS: Obj = Obj {
    name: "contents",
    props: &[
        P {
            name: "attachment",
            ty: Ty::Obj(&O_ATTACHMENT),
            vers: V1_6 | V1_7,
        },
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::IriRef,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS_TARGETS: Obj = Obj {
    name: "targets",
    props: &[
        P {
            name: "organizations",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_ORGANIZATIONALENTITY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "components",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[Ty::Obj(&O_COMPONENT), Ty::Rule(Rule::ExternalVersionRange)]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "services",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_SERVICE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS_AFFIRMATION: Obj = Obj {
    name: "affirmation",
    props: &[
        P {
            name: "statement",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "signatories",
            ty: Ty::Arr(&Arr {
                items: Ty::AllOf(&[
                    Ty::Obj(&O_BOM_DECLARATIONS_AFFIRMATION_SIGNATORIES_ITEMS),
                    Ty::OneOf(&[
                        Ty::Obj(&O_BOM_DECLARATIONS_AFFIRMATION_SIGNATORIES_ITEMS_ONEOF0),
                        Ty::Obj(&O_BOM_DECLARATIONS_AFFIRMATION_SIGNATORIES_ITEMS_ONEOF1),
                    ]),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "signature",
            ty: Ty::Signature,
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS_AFFIRMATION_SIGNATORIES_ITEMS_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("signature", V1_6 | V1_7)],
    open: V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS_AFFIRMATION_SIGNATORIES_ITEMS_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[
        ("externalReference", V1_6 | V1_7),
        ("organization", V1_6 | V1_7),
    ],
    open: V1_6 | V1_7,
    additional: &[],
};
pub(super) static O_BOM_DECLARATIONS_AFFIRMATION_SIGNATORIES_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "role",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "signature",
            ty: Ty::Signature,
            vers: V1_6 | V1_7,
        },
        P {
            name: "organization",
            ty: Ty::Obj(&O_ORGANIZATIONALENTITY),
            vers: V1_6 | V1_7,
        },
        P {
            name: "externalReference",
            ty: Ty::Obj(&O_EXTERNALREFERENCE),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_BOM_DEFINITIONS: Obj = Obj {
    name: "definitions",
    props: &[
        P {
            name: "standards",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_STANDARD),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "patents",
            ty: Ty::Arr(&Arr {
                items: Ty::AnyOf(&[Ty::Obj(&O_PATENT), Ty::Obj(&O_PATENTFAMILY)]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_STANDARD: Obj = Obj {
    name: "standard",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "version",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "owner",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "requirements",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_STANDARD_REQUIREMENTS_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "levels",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_STANDARD_LEVELS_ITEMS),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "externalReferences",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_EXTERNALREFERENCE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "signature",
            ty: Ty::Signature,
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_STANDARD_REQUIREMENTS_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "identifier",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "title",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "text",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "descriptions",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "openCre",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::Cre,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "parent",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "properties",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_PROPERTY),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "externalReferences",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_EXTERNALREFERENCE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_STANDARD_LEVELS_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "identifier",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "title",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "description",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
        P {
            name: "requirements",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_6 | V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};

/// The document root of each version, 1.2 to 1.6.
pub(super) static ROOTS: [Ty; 6] = [
    Ty::Obj(&O_BOM),
    Ty::Obj(&O_BOM),
    Ty::Obj(&O_BOM),
    Ty::Obj(&O_BOM),
    Ty::Obj(&O_BOM),
    Ty::Obj(&O_BOM),
];
pub(super) static O_CITATION: Obj = Obj {
    name: "citation",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "pointers",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "expressions",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                unique: false,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "timestamp",
            ty: Ty::Str(&Str {
                fmt: Fmt::DateTime,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "attributedTo",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "process",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "note",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "signature",
            ty: Ty::Signature,
            vers: V1_7,
        },
    ],
    required: &[("timestamp", V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_CITATION_ONEOF0: Obj = Obj {
    name: "oneOf0",
    props: &[],
    required: &[("pointers", V1_7)],
    open: V1_7,
    additional: &[],
};
pub(super) static O_CITATION_ONEOF1: Obj = Obj {
    name: "oneOf1",
    props: &[],
    required: &[("expressions", V1_7)],
    open: V1_7,
    additional: &[],
};
pub(super) static O_CITATION_ANYOF0: Obj = Obj {
    name: "anyOf0",
    props: &[],
    required: &[("attributedTo", V1_7)],
    open: V1_7,
    additional: &[],
};
pub(super) static O_CITATION_ANYOF1: Obj = Obj {
    name: "anyOf1",
    props: &[],
    required: &[("process", V1_7)],
    open: V1_7,
    additional: &[],
};
pub(super) static O_PRIORITYAPPLICATION: Obj = Obj {
    name: "priorityApplication",
    props: &[
        P {
            name: "applicationNumber",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::PatentNumber,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "jurisdiction",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::Jurisdiction,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "filingDate",
            ty: Ty::Str(&Str {
                fmt: Fmt::Date,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[
        ("applicationNumber", V1_7),
        ("jurisdiction", V1_7),
        ("filingDate", V1_7),
    ],
    open: 0,
    additional: &[],
};
pub(super) static O_PATENT: Obj = Obj {
    name: "patent",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "patentNumber",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::PatentNumber,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "applicationNumber",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::PatentNumber,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "jurisdiction",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::Jurisdiction,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "priorityApplication",
            ty: Ty::Obj(&O_PRIORITYAPPLICATION),
            vers: V1_7,
        },
        P {
            name: "publicationNumber",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::PatentNumber,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "title",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "abstract",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "filingDate",
            ty: Ty::Str(&Str {
                fmt: Fmt::Date,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "grantDate",
            ty: Ty::Str(&Str {
                fmt: Fmt::Date,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "patentExpirationDate",
            ty: Ty::Str(&Str {
                fmt: Fmt::Date,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "patentLegalStatus",
            ty: Ty::Lit(&[
                "pending",
                "granted",
                "revoked",
                "expired",
                "lapsed",
                "withdrawn",
                "abandoned",
                "suspended",
                "reinstated",
                "opposed",
                "terminated",
                "invalidated",
                "in-force",
            ]),
            vers: V1_7,
        },
        P {
            name: "patentAssignee",
            ty: Ty::Arr(&Arr {
                items: Ty::OneOf(&[
                    Ty::Obj(&O_ORGANIZATIONALCONTACT),
                    Ty::Obj(&O_ORGANIZATIONALENTITY),
                ]),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "externalReferences",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_EXTERNALREFERENCE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[
        ("patentNumber", V1_7),
        ("jurisdiction", V1_7),
        ("patentLegalStatus", V1_7),
    ],
    open: 0,
    additional: &[],
};
pub(super) static O_PATENTFAMILY: Obj = Obj {
    name: "patentFamily",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "familyId",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "priorityApplication",
            ty: Ty::Obj(&O_PRIORITYAPPLICATION),
            vers: V1_7,
        },
        P {
            name: "members",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "externalReferences",
            ty: Ty::Arr(&Arr {
                items: Ty::Obj(&O_EXTERNALREFERENCE),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[("familyId", V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_METADATA_DISTRIBUTIONCONSTRAINTS: Obj = Obj {
    name: "distributionConstraints",
    props: &[P {
        name: "tlp",
        ty: Ty::Lit(&["CLEAR", "GREEN", "AMBER", "AMBER_AND_STRICT", "RED"]),
        vers: V1_7,
    }],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_PATENTASSERTIONS_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "assertionType",
            ty: Ty::Lit(&[
                "ownership",
                "license",
                "third-party-claim",
                "standards-inclusion",
                "prior-art",
                "exclusive-rights",
                "non-assertion",
                "research-or-evaluation",
            ]),
            vers: V1_7,
        },
        P {
            name: "patentRefs",
            ty: Ty::Arr(&Arr {
                items: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
                unique: false,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "asserter",
            ty: Ty::OneOf(&[
                Ty::Obj(&O_ORGANIZATIONALENTITY),
                Ty::Obj(&O_ORGANIZATIONALCONTACT),
                Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 1,
                    max: usize::MAX,
                }),
            ]),
            vers: V1_7,
        },
        P {
            name: "notes",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[("assertionType", V1_7), ("asserter", V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_LICENSECHOICE_ONEOF1_ITEMS_EXPRESSIONDETAILS_ITEMS: Obj = Obj {
    name: "items",
    props: &[
        P {
            name: "licenseIdentifier",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "bom-ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "text",
            ty: Ty::Obj(&O_ATTACHMENT),
            vers: V1_7,
        },
        P {
            name: "url",
            ty: Ty::Str(&Str {
                fmt: Fmt::IriRef,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[("licenseIdentifier", V1_7)],
    open: 0,
    additional: &[],
};
pub(super) static O_CRYPTOPROPERTIES_CERTIFICATEPROPERTIES_CERTIFICATESTATE_ITEMS_ONEOF0: Obj =
    Obj {
        name: "oneOf0",
        props: &[
            P {
                name: "state",
                ty: Ty::Lit(&[
                    "pre-activation",
                    "active",
                    "suspended",
                    "deactivated",
                    "revoked",
                    "destroyed",
                ]),
                vers: V1_7,
            },
            P {
                name: "reason",
                ty: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                vers: V1_7,
            },
        ],
        required: &[("state", V1_7)],
        open: 0,
        additional: &[],
    };
pub(super) static O_CRYPTOPROPERTIES_CERTIFICATEPROPERTIES_CERTIFICATESTATE_ITEMS_ONEOF1: Obj =
    Obj {
        name: "oneOf1",
        props: &[
            P {
                name: "name",
                ty: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                vers: V1_7,
            },
            P {
                name: "description",
                ty: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                vers: V1_7,
            },
            P {
                name: "reason",
                ty: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                vers: V1_7,
            },
        ],
        required: &[("name", V1_7)],
        open: 0,
        additional: &[],
    };
pub(super) static O_CRYPTOPROPERTIES_CERTIFICATEPROPERTIES_CERTIFICATEEXTENSIONS_ITEMS_ONEOF0: Obj =
    Obj {
        name: "oneOf0",
        props: &[
            P {
                name: "commonExtensionName",
                ty: Ty::Lit(&[
                    "basicConstraints",
                    "keyUsage",
                    "extendedKeyUsage",
                    "subjectAlternativeName",
                    "authorityKeyIdentifier",
                    "subjectKeyIdentifier",
                    "authorityInformationAccess",
                    "certificatePolicies",
                    "crlDistributionPoints",
                    "signedCertificateTimestamp",
                ]),
                vers: V1_7,
            },
            P {
                name: "commonExtensionValue",
                ty: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                vers: V1_7,
            },
        ],
        required: &[
            ("commonExtensionName", V1_7),
            ("commonExtensionValue", V1_7),
        ],
        open: 0,
        additional: &[],
    };
pub(super) static O_CRYPTOPROPERTIES_CERTIFICATEPROPERTIES_CERTIFICATEEXTENSIONS_ITEMS_ONEOF1: Obj =
    Obj {
        name: "oneOf1",
        props: &[
            P {
                name: "customExtensionName",
                ty: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                vers: V1_7,
            },
            P {
                name: "customExtensionValue",
                ty: Ty::Str(&Str {
                    fmt: Fmt::Any,
                    pat: Pat::None,
                    min: 0,
                    max: usize::MAX,
                }),
                vers: V1_7,
            },
        ],
        required: &[("customExtensionName", V1_7)],
        open: 0,
        additional: &[],
    };
pub(super) static O_RELATEDCRYPTOGRAPHICASSET: Obj = Obj {
    name: "relatedCryptographicAsset",
    props: &[
        P {
            name: "type",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "ref",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_IKEV2ENC: Obj = Obj {
    name: "ikeV2Enc",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "keyLength",
            ty: Ty::Num(&Num {
                integer: true,
                min: None,
                max: None,
                exclusive_min: None,
            }),
            vers: V1_7,
        },
        P {
            name: "algorithm",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_IKEV2PRF: Obj = Obj {
    name: "ikeV2Prf",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "algorithm",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_IKEV2INTEG: Obj = Obj {
    name: "ikeV2Integ",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "algorithm",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_IKEV2KE: Obj = Obj {
    name: "ikeV2Ke",
    props: &[
        P {
            name: "group",
            ty: Ty::Num(&Num {
                integer: true,
                min: None,
                max: None,
                exclusive_min: None,
            }),
            vers: V1_7,
        },
        P {
            name: "algorithm",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
pub(super) static O_IKEV2AUTH: Obj = Obj {
    name: "ikeV2Auth",
    props: &[
        P {
            name: "name",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 0,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
        P {
            name: "algorithm",
            ty: Ty::Str(&Str {
                fmt: Fmt::Any,
                pat: Pat::None,
                min: 1,
                max: usize::MAX,
            }),
            vers: V1_7,
        },
    ],
    required: &[],
    open: 0,
    additional: &[],
};
