use clap::{Parser, Subcommand};
use server::ExposeSecret;
use tracing_subscriber::EnvFilter;

/// The ECPA portal.
#[derive(Parser)]
#[command(name = "ecpa", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve the portal (the default).
    Serve {
        /// Do not load the demo data into an empty database.
        #[arg(long)]
        no_demo: bool,
    },
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Load the demo data (the 2022 Swedish round). Does nothing if it is already there.
    SeedDemo,
    /// Create the first admin, or give an existing account the admin role. The password is read
    /// from ECPA_ADMIN_PASSWORD, so it does not end up in the shell history.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administratör")]
        name: String,
    },
    /// The audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Copy the whole dataset (database and uploads) into a new folder, with a manifest. Safe
    /// while the portal runs.
    Backup {
        /// The folder to write (it must not hold a backup already).
        dir: std::path::PathBuf,
    },
    /// Replace the database with a backup and add its uploads, then check that the restored
    /// data is identical to the backup. Stop the portal first.
    Restore {
        /// The folder `ecpa backup` wrote.
        dir: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the hash chain and name the first line that was changed or removed behind the
    /// portal's back. Exits 1 if there is one.
    Verify,
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    if let Err(e) = run(Cli::parse()).await {
        eprintln!("ecpa: {e}");
        std::process::exit(1);
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let config = server::Config::from_env()?;
    let command = cli.command.unwrap_or(Command::Serve { no_demo: false });
    if let Command::Restore { dir } = &command {
        // Not opened first: the database is about to be replaced.
        let m = server::backup::restore(
            config.database_url.expose_secret(),
            std::path::Path::new(&config.upload_dir),
            dir,
        )
        .await?;
        println!(
            "restored {} rows in {} tables and {} uploaded files from {} ({}); identical to the backup",
            m.tables.values().sum::<u64>(),
            m.tables.len(),
            m.uploads,
            dir.display(),
            m.created_at
        );
        return Ok(());
    }
    let db = server::open(config.database_url.expose_secret())
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    match command {
        Command::Restore { .. } => Err("restore runs before the database is opened".into()),
        Command::Backup { dir } => {
            let m = server::backup::backup(
                &db,
                config.database_url.expose_secret(),
                std::path::Path::new(&config.upload_dir),
                &dir,
            )
            .await?;
            println!(
                "backed up {} rows in {} tables and {} uploaded files to {}",
                m.tables.values().sum::<u64>(),
                m.tables.len(),
                m.uploads,
                dir.display()
            );
            Ok(())
        }
        Command::Migrate => {
            seal_audit_log(&db).await?;
            println!("database is up to date");
            Ok(())
        }
        Command::Audit {
            command: AuditCommand::Verify,
        } => {
            let check = app::backend::audit::verify(&db)
                .await
                .map_err(|e| e.to_string())?;
            match check.broken {
                None => {
                    println!("audit log intact: {} lines", check.lines);
                    Ok(())
                }
                Some((id, why)) => Err(format!(
                    "audit log broken at line {id}: {}; the lines before it are intact",
                    why.explain()
                )),
            }
        }
        Command::SeedDemo => {
            let added = app::backend::demo::seed(&db)
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "{}",
                if added {
                    "demo data loaded"
                } else {
                    "demo data already present"
                }
            );
            Ok(())
        }
        Command::CreateAdmin { email, name } => {
            let password = std::env::var("ECPA_ADMIN_PASSWORD").unwrap_or_default();
            match app::backend::accounts::create_admin(
                &db,
                &email,
                &name,
                &password,
                chrono::Utc::now(),
            )
            .await
            {
                Ok(id) => {
                    println!("{} is an admin (user {id})", email.trim().to_lowercase());
                    Ok(())
                }
                Err(app::error::AppError::Invalid(errors)) => Err(errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.problem.message(app::i18n::Lang::En)))
                    .collect::<Vec<_>>()
                    .join("; ")),
                Err(e) => Err(e.to_string()),
            }
        }
        Command::Serve { no_demo } => {
            seal_audit_log(&db).await?;
            if !no_demo
                && app::backend::demo::is_empty(&db)
                    .await
                    .map_err(|e| e.to_string())?
            {
                app::backend::demo::seed(&db)
                    .await
                    .map_err(|e| e.to_string())?;
                tracing::info!("empty database: demo data loaded");
            }
            let mailer = config.mailer()?;
            let clock = server::system_clock();
            // The worker has connections of its own, so that recording a mail as sent never
            // waits behind a rush of requests (see `server::Pool::mail_worker`).
            let outbox = server::connect_with(
                config.database_url.expose_secret(),
                server::Pool::mail_worker(),
            )
            .await
            .map_err(|e| e.to_string())?;
            tokio::spawn(app::backend::mail::run_worker(
                outbox,
                mailer,
                clock.clone(),
                // A receipt waits for the next look at most, and a look at an empty outbox is
                // one indexed read.
                std::time::Duration::from_secs(1),
            ));
            server::jobs::spawn_all(server::jobs::Ctx {
                db: db.clone(),
                clock: clock.clone(),
                base_url: config.base_url.clone(),
                retention: config.retention,
            });
            let state = server::state(db, &config, clock);
            if config.database_url.expose_secret().starts_with("postgres") {
                // Other instances' public changes make this one's cached pages stale.
                tokio::spawn(server::cache::listen(
                    config.database_url.expose_secret().to_string(),
                    state.public.clone(),
                ));
            }
            let listener = tokio::net::TcpListener::bind(config.site_addr)
                .await
                .map_err(|e| format!("cannot listen on {}: {e}", config.site_addr))?;
            tracing::info!("listening on http://{}", config.site_addr);
            let app = server::router(state, &config);
            server::serve(listener, app, config.header_timeout, shutdown_signal())
                .await
                .map_err(|e| e.to_string())
        }
    }
}

/// Ctrl-C or SIGTERM (as sent by systemd, container runtimes and test harnesses).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}

/// Seals the audit lines written before the log was a chain (once, after the upgrade).
async fn seal_audit_log(db: &sea_orm::DatabaseConnection) -> Result<(), String> {
    let sealed = app::backend::audit::seal_unchained(db)
        .await
        .map_err(|e| format!("cannot seal the audit log: {e}"))?;
    if sealed > 0 {
        tracing::info!("audit log: {sealed} earlier lines sealed into the chain");
    }
    Ok(())
}
