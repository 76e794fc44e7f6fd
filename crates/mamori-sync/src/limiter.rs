//! A rolling-window request limiter for APIs that publish "N requests per T seconds".

use std::collections::VecDeque;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

/// Allows at most `requests` starts in any rolling window of length `per`.
///
/// NVD states its limit as a rolling window. A token bucket refilled continuously
/// would let `2N - 1` requests into some window (a full burst, then one per `per / N`),
/// so this keeps the start times of the last `N` requests and waits until the oldest
/// is `per` old. Time is tokio's, so tests can drive it with a paused clock.
#[derive(Debug)]
pub struct RateLimiter {
    requests: usize,
    per: Duration,
    starts: Mutex<VecDeque<Instant>>,
}

impl RateLimiter {
    /// A limiter for `requests` per `per` (a `requests` of 0 is taken as 1).
    pub fn new(requests: u32, per: Duration) -> Self {
        let requests = (requests as usize).max(1);
        RateLimiter {
            requests,
            per,
            starts: Mutex::new(VecDeque::with_capacity(requests)),
        }
    }

    /// Waits until one more request fits in the window, and records its start.
    pub async fn acquire(&self) {
        // Holding the lock while sleeping queues callers in arrival order.
        let mut starts = self.starts.lock().await;
        if starts.len() >= self.requests {
            if let Some(&oldest) = starts.front() {
                tokio::time::sleep_until(oldest + self.per).await;
            }
            starts.pop_front();
        }
        starts.push_back(Instant::now());
    }
}
