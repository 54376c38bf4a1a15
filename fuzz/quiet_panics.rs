//! libfuzzer-sys aborts on every panic, even one the engine catches on purpose: keylint turns
//! a parser panic (swc's debug assertions, which fuzz builds enable) into a text-scan fallback
//! with a note. This hook only prints; a panic that escapes `scan` still aborts the run,
//! because libfuzzer-sys wraps each input in `catch_unwind` and aborts when it unwinds.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("(caught later?) panic at {place}");
    }));
}
