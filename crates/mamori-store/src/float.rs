//! A nullable `DOUBLE PRECISION` parameter that binds with the same type whether or not it holds a value.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Any, Encode, Type};

/// A float parameter for `Option<Score>` binds.
///
/// Why not plain `Option<f64>`: sqlx 0.9's `Any` driver turns a NULL `f64` into a
/// PostgreSQL `float4` parameter and a present one into `float8`. A cached prepared
/// statement keeps the parameter types of its first execution, so after a NULL the next
/// present score reaches PostgreSQL as eight bytes for a four-byte parameter ("incorrect
/// binary data format in bind parameter"). This type reports the `Any` kind whose NULL
/// sqlx maps to `float8`, so both cases agree. SQLite does not care.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Float(pub(crate) f64);

impl Type<Any> for Float {
    fn type_info() -> sqlx::any::AnyTypeInfo {
        // The kind whose NULL sqlx encodes as PostgreSQL `float8` (see above).
        <f32 as Type<Any>>::type_info()
    }
}

impl<'q> Encode<'q, Any> for Float {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as sqlx::Database>::ArgumentBuffer,
    ) -> Result<IsNull, BoxDynError> {
        <f64 as Encode<'q, Any>>::encode_by_ref(&self.0, buf)
    }
}

/// `Option<f64>` as a bind parameter that keeps one type on PostgreSQL.
pub(crate) fn float(v: Option<f64>) -> Option<Float> {
    v.map(Float)
}

#[cfg(test)]
mod tests {
    use super::float;
    use sqlx::{Connection, Row};

    /// Regression (issue 8): the monitor's finding INSERT failed on PostgreSQL once a
    /// finding without a score had been written on the same connection before one with.
    #[tokio::test]
    async fn issue_8_null_then_present_score_on_one_connection() {
        let Ok(url) = std::env::var("MAMORI_TEST_POSTGRES_URL") else {
            eprintln!("notice: MAMORI_TEST_POSTGRES_URL is unset (use scripts/test); skipped");
            return;
        };
        sqlx::any::install_default_drivers();
        let mut c = sqlx::AnyConnection::connect(&url).await.unwrap();
        sqlx::query("CREATE TEMPORARY TABLE scores (x DOUBLE PRECISION)")
            .execute(&mut c)
            .await
            .unwrap();
        for v in [None, Some(9.8), None, Some(0.5)] {
            sqlx::query("INSERT INTO scores (x) VALUES ($1)")
                .bind(float(v))
                .execute(&mut c)
                .await
                .unwrap_or_else(|e| panic!("binding {v:?}: {e}"));
        }
        let row = sqlx::query("SELECT CAST(SUM(x) AS DOUBLE PRECISION), COUNT(x) FROM scores")
            .fetch_one(&mut c)
            .await
            .unwrap();
        assert_eq!(row.get::<f64, _>(0), 10.3);
        assert_eq!(row.get::<i64, _>(1), 2);
    }
}
