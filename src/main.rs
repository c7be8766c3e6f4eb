//! The `powrec` binary: parse the command line, run, map the outcome to an exit code.
#![forbid(unsafe_code)]

// glibc's allocator keeps one arena per rayon thread and returns little of it; mimalloc
// keeps the peak resident memory of a whole-list run close to what it really holds.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    powrec::cli::main()
}
