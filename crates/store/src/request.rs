//! The id of the request being answered, for its audit events: set by the
//! API around each request (a task-local while it runs on the async threads,
//! a thread-local while its store work runs on a blocking thread).

use std::cell::RefCell;

tokio::task_local! {
    static TASK: String;
}

thread_local! {
    static THREAD: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f` as the request `id`.
pub async fn scope<F: std::future::Future>(id: String, f: F) -> F::Output {
    TASK.scope(id, f).await
}

/// Runs `f` on this thread as the request `id` (if any), then forgets it.
pub fn on_thread<T>(id: Option<String>, f: impl FnOnce() -> T) -> T {
    let before = THREAD.with(|t| t.replace(id));
    let value = f();
    THREAD.with(|t| t.replace(before));
    value
}

/// The id of the request being answered here, if any.
pub fn current() -> Option<String> {
    TASK.try_with(Clone::clone)
        .ok()
        .or_else(|| THREAD.with(|t| t.borrow().clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_knows_the_request_only_while_it_works_for_it() {
        assert_eq!(current(), None);
        let seen = on_thread(Some("r1".into()), current);
        assert_eq!(seen.as_deref(), Some("r1"));
        assert_eq!(current(), None);
    }

    #[tokio::test]
    async fn a_task_knows_its_request() {
        let seen = scope("r2".into(), async { current() }).await;
        assert_eq!(seen.as_deref(), Some("r2"));
        assert_eq!(current(), None);
    }
}
