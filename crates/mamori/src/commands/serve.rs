//! `mamori serve`: opens the store, creates the first administrator on an empty database, runs the jobs and the HTTP server until Ctrl-C or SIGTERM.

use super::Ctx;
use crate::Outcome;
use crate::cli::ServeArgs;
use anyhow::Context;
use mamori_server::{AppState, ServerConfig, jobs};

pub async fn run(ctx: &Ctx, args: ServeArgs) -> anyhow::Result<Outcome> {
    let mut config = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read", path.display()))?;
            ServerConfig::from_toml(&path.display().to_string(), &text)?
        }
        None => ServerConfig::default(),
    };
    config = config.with_env(|k| std::env::var(k).ok())?;
    if let Some(l) = &args.listen {
        config.listen = l
            .parse()
            .with_context(|| format!("--listen {l:?} is not an address:port"))?;
        if args.config.is_none() && std::env::var_os("MAMORI_PUBLIC_URL").is_none() {
            config.public_url = format!("http://{l}");
        }
    }
    // A broken form definition stops the start, before anything else happens.
    let forms = if config.disclosure.forms_dir.is_empty() {
        None
    } else {
        let dir = std::path::Path::new(&config.disclosure.forms_dir);
        Some(
            mamori_server::forms::Forms::load_dir(dir)
                .context("cannot load the disclosure forms")?,
        )
    };
    let store = ctx.server_store().await?;
    if let Some((email, password)) =
        mamori_server::bootstrap(&store, &config, time::OffsetDateTime::now_utc()).await?
    {
        eprintln!(
            "{}\n  {email}\n  {password}\n{}",
            ctx.lang.pick(
                "First start: an administrator was created. Sign in with:",
                "初回起動: 管理者を作成しました。次の情報でサインインしてください:"
            ),
            ctx.lang.pick(
                "This password is shown once: sign in and create your team's accounts, then disable this one or set a new password.",
                "このパスワードは一度だけ表示されます。サインインしてチームのアカウントを作成し、この管理者は無効化するかパスワードを変更してください。"
            )
        );
    }
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    eprintln!(
        "{} http://{addr}/",
        ctx.lang.pick(
            "Mamori is running: open",
            "Mamori を起動しました。ブラウザで開いてください:"
        )
    );
    eprintln!(
        "{} http://{addr}/api/openapi.json  {} http://{addr}/healthz",
        ctx.lang.pick("API:", "API:"),
        ctx.lang.pick("health check:", "ヘルスチェック:")
    );
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    if config.jobs {
        // The daily end-of-support scan and the reminders run on schedules of the job queue.
        mamori_server::notify::install_schedules(&store, time::OffsetDateTime::now_utc())
            .await
            .context("cannot install the notice schedules")?;
    }
    let runner = config.jobs.then(|| {
        jobs::Runner::new(
            store.clone(),
            jobs::worker_id(),
            jobs::handlers(&config),
            std::time::Duration::from_secs(2),
        )
    });
    let mut state = AppState::new(store, config);
    if let Some(forms) = forms {
        state.forms = std::sync::Arc::new(forms);
    }
    let runner_task = runner.map(|r| {
        state.jobs = Some(r.stats());
        tokio::spawn(r.run(stop_rx))
    });
    mamori_server::serve(listener, state, shutdown()).await?;
    // Requests are finished; let the running job finish too.
    let _ = stop_tx.send(true);
    if let Some(t) = runner_task {
        let _ = t.await;
    }
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
