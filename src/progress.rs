//! What the user sees on stderr while a scan runs: a progress spinner that
//! appears only when a scan on a terminal lasts over a second, and warnings
//! printed so that they never garble the spinner.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::stats::{ScanStats, human_bytes};

/// How long a scan runs before the spinner shows up.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// Progress display plus the warning channel for one scan.
pub struct Progress {
    bar: Option<ProgressBar>,
    done: Arc<AtomicBool>,
    ticker: Option<JoinHandle<()>>,
}

impl Progress {
    /// A progress display, live only if `enabled` and stderr is a terminal.
    pub fn start(enabled: bool, stats: Arc<ScanStats>) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        if !enabled || !std::io::stderr().is_terminal() {
            return Progress { bar: None, done, ticker: None };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        let ticker = {
            let (bar, done) = (bar.clone(), done.clone());
            std::thread::spawn(move || {
                let started = std::time::Instant::now();
                let mut shown = false;
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(100));
                    if !shown && started.elapsed() >= SHOW_AFTER {
                        bar.set_draw_target(ProgressDrawTarget::stderr());
                        shown = true;
                    }
                    if shown {
                        bar.set_message(format!(
                            "{} files, {}, {} findings",
                            ScanStats::get(&stats.files),
                            human_bytes(ScanStats::get(&stats.bytes)),
                            ScanStats::get(&stats.findings)
                        ));
                        bar.tick();
                    }
                }
            })
        };
        Progress { bar: Some(bar), done, ticker: Some(ticker) }
    }

    /// Prints a warning on stderr, above the spinner if it is showing.
    pub fn warn(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("keyhound: warning: {message}")),
            None => eprintln!("keyhound: warning: {message}"),
        }
    }

    /// Stops and erases the spinner.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(t) = self.ticker.take() {
            let _ = t.join();
        }
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop();
    }
}
