//! Running the real `stige` binary: `stige serve` on port 0, and one-shot
//! commands, with the test's keys.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};

pub const DATA_KEY: [u8; 32] = [9u8; 32];

/// A `stige` command over `database_url` with the test's keys.
pub fn stige(database_url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stige"));
    command
        .env("DATABASE_URL", database_url)
        .env("STIGE_JWT_SECRET", STANDARD.encode([7u8; 32]))
        .env("STIGE_DATA_KEY", STANDARD.encode(DATA_KEY))
        .env(
            "STIGE_WEB_DIR",
            std::env::temp_dir().join("stige-no-web-app"),
        )
        .env_remove("RUST_LOG")
        .env_remove("STIGE_SMTP_URL")
        .env_remove("STIGE_BIND")
        .env_remove("STIGE_METRICS_BIND")
        .env_remove("STIGE_LOG_FORMAT");
    command
}

/// A command's output, failing the test with its stderr if it failed.
pub fn run_ok(command: &mut Command) -> String {
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().expect("run stige");
    assert!(
        status.success(),
        "stige failed: {}",
        String::from_utf8_lossy(&stderr)
    );
    String::from_utf8_lossy(&stdout).into_owned()
}

/// A running `stige serve`: its address, metrics address (if asked for) and log.
pub struct Server {
    pub child: Child,
    pub address: String,
    pub metrics: Option<String>,
    pub log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `command` (a `stige(…)`) as `stige serve --bind 127.0.0.1:0 extra…`.
    pub fn start(mut command: Command, extra: &[&str]) -> Self {
        let mut child = command
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start stige serve");
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = child.stderr.take().expect("stderr");
        let sink = log.clone();
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                if let Ok(mut log) = sink.lock() {
                    log.push_str(&String::from_utf8_lossy(&chunk[..n]));
                }
            }
        });
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        let mut metrics = None;
        let address = loop {
            line.clear();
            let read = stdout.read_line(&mut line).expect("stdout");
            if read == 0 {
                let _ = child.wait();
                panic!("stige serve ended: {}", log.lock().expect("log"));
            }
            if let Some(address) = line.trim().strip_prefix("Metrics at ") {
                metrics = Some(address.to_owned());
            }
            if let Some(address) = line.trim().strip_prefix("Stige is listening on ") {
                break address.to_owned();
            }
        };
        Self {
            child,
            address,
            metrics,
            log,
        }
    }

    pub fn log(&self) -> String {
        self.log.lock().expect("log").clone()
    }

    /// Sends SIGTERM.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
