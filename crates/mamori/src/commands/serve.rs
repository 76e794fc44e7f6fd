//! `mamori serve`: opens the store and runs the HTTP server until Ctrl-C or SIGTERM.

use super::Ctx;
use crate::Outcome;
use crate::cli::ServeArgs;
use anyhow::Context;

pub async fn run(ctx: &Ctx, args: ServeArgs) -> anyhow::Result<Outcome> {
    let store = ctx.store().await?;
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let addr = listener.local_addr()?;
    eprintln!(
        "{} http://{addr}/",
        ctx.lang.pick(
            "Mamori is running: open",
            "Mamori を起動しました。ブラウザで開いてください:"
        )
    );
    eprintln!(
        "{} http://{addr}/healthz",
        ctx.lang.pick("health check:", "ヘルスチェック:")
    );
    mamori_server::serve(listener, store, shutdown()).await?;
    Ok(Outcome::Ok)
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}
