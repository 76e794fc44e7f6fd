//! OpenPGP keys and detached signatures for a CSAF trusted provider (requirements 19 and 20 of CSAF 2.0 section 7.1) — pure.
//!
//! A [`SigningKey`] is a version 4 Ed25519 key with one user id and no subkeys: the primary key
//! certifies and signs. That is the plainest key every verifier in use reads (GnuPG 2.2, Sequoia's
//! `sqv`, rPGP). Nothing here reads the clock: the key's creation time and every signature's time
//! are passed in, and randomness is needed only to generate a key (and to salt its passphrase),
//! so the caller hands in the RNG. Signing itself is deterministic (Ed25519).
//!
//! rPGP's own key builder stamps self-signatures with the wall clock, so the key is assembled here
//! from packets instead, with the given time on the key and its self-signature alike.

use std::io::Cursor;

use pgp::composed::{
    ArmorOptions, Deserializable, DetachedSignature, KeyType, SignedKeyDetails, SignedPublicKey,
    SignedSecretKey,
};
use pgp::crypto::hash::HashAlgorithm;
use pgp::packet::{
    KeyFlags, PubKeyInner, PublicKey as PublicKeyPacket, SecretKey as SecretKeyPacket,
    SignatureConfig, SignatureType, Subpacket, SubpacketData, UserId,
};
use pgp::types::{KeyDetails as _, KeyVersion, Password, S2kParams, Tag, Timestamp};
use rand::{CryptoRng, RngCore};
use time::OffsetDateTime;

/// Why a key could not be made, read or used, or a signature did not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenPgpError {
    /// The time is outside what OpenPGP can carry (1970 to 2106).
    #[error("time {0} cannot be written in an openpgp packet")]
    Time(String),
    /// The user id is empty or has a line break.
    #[error("user id {0:?} is empty or spans lines")]
    UserId(String),
    /// The armored text is not one key of the expected kind.
    #[error("not an armored openpgp {what}: {reason}")]
    Parse {
        /// `secret key`, `public key` or `signature`.
        what: &'static str,
        /// The parser's description.
        reason: String,
    },
    /// The key's secret is protected and the passphrase does not open it (or none was given).
    #[error("the passphrase does not unlock the secret key {fingerprint}")]
    Passphrase {
        /// The key's fingerprint.
        fingerprint: String,
    },
    /// The key's self-signature does not hold.
    #[error("the key {fingerprint} is not validly self-signed: {reason}")]
    Binding {
        /// The key's fingerprint.
        fingerprint: String,
        /// The library's description.
        reason: String,
    },
    /// The signature does not verify with the key.
    #[error("the signature does not verify with key {fingerprint}: {reason}")]
    Verify {
        /// The key's fingerprint.
        fingerprint: String,
        /// The library's description.
        reason: String,
    },
    /// Key generation, signing or writing failed inside the OpenPGP library.
    #[error("openpgp: {0}")]
    Library(String),
}

fn lib(e: pgp::errors::Error) -> OpenPgpError {
    OpenPgpError::Library(e.to_string())
}

fn timestamp(t: OffsetDateTime) -> Result<Timestamp, OpenPgpError> {
    u32::try_from(t.unix_timestamp())
        .map(Timestamp::from_secs)
        .map_err(|_| OpenPgpError::Time(t.to_string()))
}

fn hex_fingerprint(key: &impl pgp::types::KeyDetails) -> String {
    format!("{:X}", key.fingerprint())
}

/// A secret signing key, ready to sign: the key as stored (protected by its passphrase, if it
/// has one) and, in memory only, its unlocked secret, so signing many documents runs the
/// passphrase's key derivation once.
#[derive(Debug, Clone)]
pub struct SigningKey {
    secret: SignedSecretKey,
    signer: SecretKeyPacket,
}

impl SigningKey {
    /// Generates a key created at `now` for `user_id` (e.g. `Maker PSIRT <psirt@example.com>`),
    /// its secret protected by `passphrase` when one is given.
    pub fn generate<R: RngCore + CryptoRng>(
        mut rng: R,
        user_id: &str,
        passphrase: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<SigningKey, OpenPgpError> {
        if user_id.trim().is_empty() || user_id.contains(['\n', '\r']) {
            return Err(OpenPgpError::UserId(user_id.to_owned()));
        }
        let created = timestamp(now)?;
        let key_type = KeyType::Ed25519Legacy;
        let (public_params, secret_params) = key_type.generate(&mut rng).map_err(lib)?;
        let inner = PubKeyInner::new(
            KeyVersion::V4,
            key_type.to_alg(),
            created,
            None,
            public_params,
        )
        .map_err(lib)?;
        let public = PublicKeyPacket::from_inner(inner).map_err(lib)?;
        let mut primary = SecretKeyPacket::new(public.clone(), secret_params).map_err(lib)?;
        let password = match passphrase {
            Some(p) => {
                let pw = Password::from(p);
                let s2k = S2kParams::new_default(&mut rng, KeyVersion::V4);
                primary.set_password_with_s2k(&pw, s2k).map_err(lib)?;
                pw
            }
            None => Password::empty(),
        };

        let uid = UserId::from_str(Default::default(), user_id).map_err(lib)?;
        let mut flags = KeyFlags::default();
        flags.set_certify(true);
        flags.set_sign(true);
        let mut config = SignatureConfig::v4(SignatureType::CertPositive, key_type.to_alg(), HASH);
        config.hashed_subpackets = vec![
            Subpacket::regular(SubpacketData::SignatureCreationTime(created)).map_err(lib)?,
            Subpacket::regular(SubpacketData::IssuerFingerprint(primary.fingerprint()))
                .map_err(lib)?,
            Subpacket::regular(SubpacketData::KeyFlags(flags)).map_err(lib)?,
            Subpacket::regular(SubpacketData::PreferredHashAlgorithms(
                [HashAlgorithm::Sha512, HashAlgorithm::Sha256]
                    .into_iter()
                    .collect(),
            ))
            .map_err(lib)?,
            Subpacket::regular(SubpacketData::IsPrimary(true)).map_err(lib)?,
        ];
        config.unhashed_subpackets = vec![
            Subpacket::regular(SubpacketData::IssuerKeyId(primary.legacy_key_id())).map_err(lib)?,
        ];
        let sig = config
            .sign_certification(&primary, &public, &password, Tag::UserId, &uid)
            .map_err(lib)?;
        let details = SignedKeyDetails::new(vec![], vec![], vec![uid.into_signed(sig)], vec![]);
        let secret = SignedSecretKey::new(primary, details, vec![], vec![]);
        SigningKey::unlock(secret, passphrase)
    }

    /// Reads an armored secret key (as [`SigningKey::secret_armored`] writes it) and checks that
    /// `passphrase` unlocks it and that its self-signature holds.
    pub fn from_armored(
        secret: &str,
        passphrase: Option<&str>,
    ) -> Result<SigningKey, OpenPgpError> {
        let (secret, _) = SignedSecretKey::from_armor_single(Cursor::new(secret.as_bytes()))
            .map_err(|e| OpenPgpError::Parse {
                what: "secret key",
                reason: e.to_string(),
            })?;
        SigningKey::unlock(secret, passphrase)
    }

    /// Checks the self-signature and opens the secret with `passphrase`.
    fn unlock(
        secret: SignedSecretKey,
        passphrase: Option<&str>,
    ) -> Result<SigningKey, OpenPgpError> {
        let fingerprint = hex_fingerprint(&secret.primary_key);
        secret
            .verify_bindings()
            .map_err(|e| OpenPgpError::Binding {
                fingerprint: fingerprint.clone(),
                reason: e.to_string(),
            })?;
        let mut signer = secret.primary_key.clone();
        let password = passphrase.map_or_else(Password::empty, Password::from);
        signer
            .remove_password(&password)
            .map_err(|_| OpenPgpError::Passphrase {
                fingerprint: fingerprint.clone(),
            })?;
        // Removing a password from a key that has none succeeds whatever was passed; a key
        // stored open must be opened without one, so a caller that expects protection learns.
        if passphrase.is_some_and(|p| !p.is_empty())
            && matches!(
                secret.primary_key.secret_params(),
                pgp::types::SecretParams::Plain(_)
            )
        {
            return Err(OpenPgpError::Passphrase { fingerprint });
        }
        Ok(SigningKey { secret, signer })
    }

    /// The secret key, armored, still protected by its passphrase if it had one.
    pub fn secret_armored(&self) -> Result<String, OpenPgpError> {
        self.secret
            .to_armored_string(ArmorOptions::default())
            .map_err(lib)
    }

    /// The public key, armored: what the provider folder publishes.
    pub fn public_armored(&self) -> Result<String, OpenPgpError> {
        self.public().armored()
    }

    /// The public half.
    pub fn public(&self) -> PublicKey {
        PublicKey {
            key: self.secret.to_public_key(),
        }
    }

    /// The fingerprint: 40 upper-case hex digits.
    pub fn fingerprint(&self) -> String {
        hex_fingerprint(&self.secret.primary_key)
    }

    /// When the key was created.
    pub fn created(&self) -> OffsetDateTime {
        created_at(&self.secret.primary_key)
    }

    /// The key's user id.
    pub fn user_id(&self) -> String {
        user_id_of(&self.secret.details)
    }

    /// Whether the secret is protected by a passphrase.
    pub fn is_protected(&self) -> bool {
        !matches!(
            self.secret.primary_key.secret_params(),
            pgp::types::SecretParams::Plain(_)
        )
    }
}

/// The hash every signature here uses.
const HASH: HashAlgorithm = HashAlgorithm::Sha512;

fn created_at(key: &impl pgp::types::KeyDetails) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(i64::from(key.created_at().as_secs()))
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn user_id_of(details: &SignedKeyDetails) -> String {
    details
        .users
        .first()
        .map(|u| String::from_utf8_lossy(u.id.id()).into_owned())
        .unwrap_or_default()
}

/// Signs `bytes` with `key` at time `now`: an armored detached binary signature (the `.asc` of a
/// CSAF document).
pub fn sign_detached(
    key: &SigningKey,
    bytes: &[u8],
    now: OffsetDateTime,
) -> Result<String, OpenPgpError> {
    let primary = &key.signer;
    let mut config = SignatureConfig::v4(SignatureType::Binary, primary.algorithm(), HASH);
    config.hashed_subpackets = vec![
        Subpacket::regular(SubpacketData::IssuerFingerprint(primary.fingerprint())).map_err(lib)?,
        Subpacket::regular(SubpacketData::SignatureCreationTime(timestamp(now)?)).map_err(lib)?,
    ];
    config.unhashed_subpackets =
        vec![Subpacket::regular(SubpacketData::IssuerKeyId(primary.legacy_key_id())).map_err(lib)?];
    let sig = config
        .sign(primary, &Password::empty(), bytes)
        .map_err(lib)?;
    DetachedSignature::new(sig)
        .to_armored_string(ArmorOptions::default())
        .map_err(lib)
}

/// A public key, to publish and to verify signatures with.
#[derive(Debug, Clone)]
pub struct PublicKey {
    key: SignedPublicKey,
}

impl PublicKey {
    /// Reads an armored public key (a transferable public key; its self-signatures must hold).
    pub fn from_armored(text: &str) -> Result<PublicKey, OpenPgpError> {
        let (key, _) =
            SignedPublicKey::from_armor_single(Cursor::new(text.as_bytes())).map_err(|e| {
                OpenPgpError::Parse {
                    what: "public key",
                    reason: e.to_string(),
                }
            })?;
        key.verify_bindings().map_err(|e| OpenPgpError::Binding {
            fingerprint: hex_fingerprint(&key.primary_key),
            reason: e.to_string(),
        })?;
        Ok(PublicKey { key })
    }

    /// The key, armored.
    pub fn armored(&self) -> Result<String, OpenPgpError> {
        self.key
            .to_armored_string(ArmorOptions::default())
            .map_err(lib)
    }

    /// The fingerprint: 40 upper-case hex digits.
    pub fn fingerprint(&self) -> String {
        hex_fingerprint(&self.key.primary_key)
    }

    /// When the key was created.
    pub fn created(&self) -> OffsetDateTime {
        created_at(&self.key.primary_key)
    }

    /// The key's user id.
    pub fn user_id(&self) -> String {
        user_id_of(&self.key.details)
    }

    /// Checks an armored detached signature over `bytes` against this key (the primary key or
    /// any subkey), and returns when it was made.
    pub fn verify_detached(
        &self,
        bytes: &[u8],
        armored_signature: &str,
    ) -> Result<OffsetDateTime, OpenPgpError> {
        let (sig, _) =
            DetachedSignature::from_armor_single(Cursor::new(armored_signature.as_bytes()))
                .map_err(|e| OpenPgpError::Parse {
                    what: "signature",
                    reason: e.to_string(),
                })?;
        let primary = sig.verify(&self.key.primary_key, bytes);
        let ok = primary.is_ok()
            || self
                .key
                .public_subkeys
                .iter()
                .any(|s| sig.verify(&s.key, bytes).is_ok());
        if !ok {
            return Err(OpenPgpError::Verify {
                fingerprint: self.fingerprint(),
                reason: primary.err().map(|e| e.to_string()).unwrap_or_default(),
            });
        }
        let at = sig
            .signature
            .created()
            .map(|t| i64::from(t.as_secs()))
            .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
        Ok(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;
    use time::macros::datetime;

    fn key(passphrase: Option<&str>) -> SigningKey {
        SigningKey::generate(
            StdRng::seed_from_u64(7),
            "Mamori PSIRT <psirt@example.jp>",
            passphrase,
            datetime!(2026-03-01 09:00 UTC),
        )
        .unwrap()
    }

    #[test]
    fn a_signature_verifies_and_a_changed_document_does_not() {
        let k = key(None);
        let doc = b"{\"document\": {}}\n";
        let sig = sign_detached(&k, doc, datetime!(2026-03-02 10:00 UTC)).unwrap();
        assert!(sig.starts_with("-----BEGIN PGP SIGNATURE-----"));
        let public = PublicKey::from_armored(&k.public_armored().unwrap()).unwrap();
        assert_eq!(public.fingerprint(), k.fingerprint());
        assert_eq!(
            public.verify_detached(doc, &sig).unwrap(),
            datetime!(2026-03-02 10:00 UTC)
        );
        assert!(matches!(
            public.verify_detached(b"{\"document\": {1}}\n", &sig),
            Err(OpenPgpError::Verify { .. })
        ));
        assert!(matches!(
            public.verify_detached(doc, "not a signature"),
            Err(OpenPgpError::Parse { .. })
        ));
    }

    #[test]
    fn the_key_carries_its_time_user_id_and_fingerprint() {
        let k = key(None);
        assert_eq!(k.created(), datetime!(2026-03-01 09:00 UTC));
        assert_eq!(k.user_id(), "Mamori PSIRT <psirt@example.jp>");
        assert_eq!(k.fingerprint().len(), 40);
        assert!(
            k.fingerprint()
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())
        );
        assert!(!k.is_protected());
        // The same seed makes the same key: generation depends on nothing but its inputs.
        assert_eq!(key(None).fingerprint(), k.fingerprint());
    }

    #[test]
    fn a_protected_key_opens_only_with_its_passphrase() {
        let k = key(Some("correct horse"));
        assert!(k.is_protected());
        let armored = k.secret_armored().unwrap();
        assert!(armored.starts_with("-----BEGIN PGP PRIVATE KEY BLOCK-----"));
        let back = SigningKey::from_armored(&armored, Some("correct horse")).unwrap();
        assert_eq!(back.fingerprint(), k.fingerprint());
        let sig = sign_detached(&back, b"x", datetime!(2026-03-02 10:00 UTC)).unwrap();
        k.public().verify_detached(b"x", &sig).unwrap();
        for wrong in [Some("wrong"), None] {
            assert!(matches!(
                SigningKey::from_armored(&armored, wrong),
                Err(OpenPgpError::Passphrase { .. })
            ));
        }
        // A key stored open is not taken for a protected one.
        let open = key(None).secret_armored().unwrap();
        assert!(matches!(
            SigningKey::from_armored(&open, Some("correct horse")),
            Err(OpenPgpError::Passphrase { .. })
        ));
        assert!(SigningKey::from_armored(&open, None).is_ok());
    }

    #[test]
    fn bad_inputs_are_errors() {
        let t = datetime!(2026-03-01 09:00 UTC);
        for uid in ["", "  ", "a\nb"] {
            assert!(matches!(
                SigningKey::generate(StdRng::seed_from_u64(1), uid, None, t),
                Err(OpenPgpError::UserId(_))
            ));
        }
        assert!(matches!(
            SigningKey::generate(
                StdRng::seed_from_u64(1),
                "x",
                None,
                datetime!(1969-01-01 0:00 UTC)
            ),
            Err(OpenPgpError::Time(_))
        ));
        assert!(matches!(
            sign_detached(&key(None), b"x", datetime!(2200-01-01 0:00 UTC)),
            Err(OpenPgpError::Time(_))
        ));
        for text in [
            "",
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nZZZZ\n-----END PGP PRIVATE KEY BLOCK-----\n",
        ] {
            assert!(matches!(
                SigningKey::from_armored(text, None),
                Err(OpenPgpError::Parse { .. })
            ));
            assert!(matches!(
                PublicKey::from_armored(text),
                Err(OpenPgpError::Parse { .. })
            ));
        }
        // A public key is not a secret key.
        let public = key(None).public_armored().unwrap();
        assert!(SigningKey::from_armored(&public, None).is_err());
    }
}
