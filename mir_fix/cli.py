"""The command line: parse options, build one plan, hand it to one front end."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from rich.progress import TaskID

from mir_fix import __version__
from mir_fix.branch import BranchError, BranchInterrupted, run_branch
from mir_fix.codemods import CODEMODS, by_check, by_id
from mir_fix.codemods._migration_scope import newest_migration
from mir_fix.engine.apply import Applied, Applier, Interrupted, apply, interrupted_runs, recover_interrupted
from mir_fix.engine.config import CONFIG_NAME, ConfigError, Options, find_config, load_config
from mir_fix.engine.discover import GitIgnored, PathNotFound, Selection, anchor_pattern
from mir_fix.engine.run import Plan, analyze, analyze_content
from mir_fix.formats import print_github, print_sarif
from mir_fix.interactive import QuestionaryPrompter, print_session, review, run_interactive, stdin_is_terminal
from mir_fix.report import TextReport, print_json

EXIT_OK, EXIT_FOUND, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    pass


class Progress:
    """A progress bar on stderr, for terminals only (rich draws it)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(
            TextColumn("mir-fix"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
            console=Console(stderr=True), transient=True,
        )  # fmt: skip
        self.task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if total < 200:
            return
        if self.task is None:
            self.bar.start()
            self.task = self.bar.add_task("scan", total=total)
        self.bar.update(self.task, completed=done)

    def done(self) -> None:
        if self.task is not None:
            self.bar.stop()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mir-fix",
        allow_abbrev=False,
        description="Rewrite Phoenix/Ecto/LiveView source to remove reliability footguns. "
        "Without a mode it is a dry run: it prints the diffs and writes nothing.",
        epilog="`mir-fix init [PATH]` writes .mir-fix.toml with start_after = the newest migration, so that "
        "only migrations written after it are rewritten (analyse a folder named init as ./init).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="app root, umbrella, folder or files (default: .)")
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--write", action="store_true", help="apply every ready change")
    modes.add_argument(
        "--check", action="store_true", help="dry run; exit 1 on any change, finding or file that does not parse"
    )
    parser.add_argument(
        "--interactive",
        action="store_true",
        help="ask change by change: y apply, n skip, a all of codemod, s skip codemod, q quit",
    )
    parser.add_argument("--branch", metavar="NAME", help="apply on a new git branch from HEAD, one commit per codemod")
    parser.add_argument("--allow-dirty", action="store_true", help="let --branch start on a dirty work tree")
    modes.add_argument("--list", action="store_true", help="list the codemods")
    modes.add_argument("--explain", metavar="ID", help="explain one codemod")
    parser.add_argument("--select", metavar="ID[,ID]", help="run only these codemods")
    parser.add_argument("--ignore", metavar="ID[,ID]", help="skip these codemods")
    parser.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text")
    parser.add_argument("--since", metavar="GIT-REF", help="only files changed since this git ref")
    parser.add_argument(
        "--all-migrations",
        action="store_true",
        help="rewrite every migration, old ones too (an app never deployed); see `mir-fix init` otherwise",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="leave out matching files and folders (repeatable; adds to the config's exclude); "
        "a glob without / matches a name anywhere, others are relative to the working directory",
    )
    parser.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply exclude and .gitignore to paths given on the command line too (for pre-commit hooks)",
    )
    parser.add_argument(
        "--no-respect-gitignore",
        action="store_true",
        help="analyse files that .gitignore or .git/info/exclude ignore (skipped by default)",
    )
    parser.add_argument(
        "--report-unused-suppressions",
        action="store_true",
        help="report `# mir-fix: ignore` comments that silence nothing (of the codemods that ran)",
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="with - as PATH: where the file read from stdin lives in the project (its context); a dry run only",
    )
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="processes (0: one per core)")
    parser.add_argument("--config", metavar="FILE", help="config file (default: nearest .mir-fix.toml)")
    parser.add_argument("--pg-version", type=int, metavar="N", help="PostgreSQL major version (default 14)")
    parser.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="print only the summary (no diffs), with --write the number of files written; errors still go to stderr",
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        help="instead of the diffs, how many changes and findings each codemod has, by status",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="auto (default): colour on a terminal unless NO_COLOR is set",
    )
    parser.add_argument("--no-color", dest="color", action="store_const", const="never", help="same as --color never")
    parser.add_argument("--version", action="version", version=f"mir-fix {__version__}")
    return parser


def _ids(raw: str, flag: str) -> frozenset[str]:
    ids = frozenset(part.strip() for part in raw.split(",") if part.strip())
    unknown = sorted(i for i in ids if by_id(i) is None)
    if unknown:
        known = ", ".join(c.id for c in CODEMODS)
        raise UsageError(f"{flag}: unknown codemod {', '.join(unknown)}; known: {known}")
    return ids


def load_options(args: argparse.Namespace, paths: list[Path]) -> Options:
    config_path = Path(args.config) if args.config else find_config(paths[0].resolve())
    if args.config and not Path(args.config).is_file():
        raise UsageError(f"--config {args.config}: no such file")
    try:
        options = load_config(config_path) if config_path else Options()
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc
    for ids in (options.select or frozenset(), options.ignore):
        _ids(",".join(ids), "config") if ids else None
    if args.select:
        options = replace(options, select=_ids(args.select, "--select"))
    if args.ignore:
        options = replace(options, ignore=options.ignore | _ids(args.ignore, "--ignore"))
    if args.pg_version is not None:
        options = replace(options, pg_version=args.pg_version)
    if args.since:
        options = replace(
            options,
            only_paths=changed_since(args.since, paths[0]),
            added_paths=changed_since(args.since, paths[0], added_only=True),
        )
    if args.all_migrations:
        options = replace(options, all_migrations=True)
    if args.exclude:
        if not all(glob.strip() for glob in args.exclude):
            raise UsageError("--exclude takes a glob such as 'priv/legacy/**' or '*_old.exs'")
        cwd = Path.cwd()
        options = replace(options, exclude=options.exclude + tuple(anchor_pattern(g, cwd) for g in args.exclude))
    if args.force_exclude:
        options = replace(options, force_exclude=True)
    if args.no_respect_gitignore:
        options = replace(options, respect_gitignore=False)
    if args.report_unused_suppressions:
        options = replace(options, report_unused_suppressions=True)
    return options


def changed_since(ref: str, path: Path, *, added_only: bool = False) -> frozenset[str]:
    """Absolute real paths of files changed since `ref` (`added_only`: added since), untracked ones included.

    A migration edited since `ref` existed there and may have shipped; one
    added since has not (a renamed file counts as edited, not added).
    """
    folder = path if path.is_dir() else path.parent

    def git(*argv: str) -> str:
        try:
            result = subprocess.run(["git", *argv], cwd=folder, capture_output=True, text=True, check=True)
        except FileNotFoundError as exc:
            raise UsageError("--since needs git on PATH") from exc
        except subprocess.CalledProcessError as exc:
            raise UsageError(f"--since {ref}: git says: {exc.stderr.strip()}") from exc
        return result.stdout

    top = Path(git("rev-parse", "--show-toplevel").strip())
    added = ("--diff-filter=A", "--find-renames") if added_only else ()
    names = git("diff", "--name-only", *added, ref, "--").splitlines()
    names += git("ls-files", "--others", "--exclude-standard", "--full-name").splitlines()
    return frozenset(os.path.realpath(top / name) for name in names if name)


def silence_closed_output() -> None:
    """The reader of stdout went away (`mir-fix ... | head -1`): send the rest of the output nowhere.

    As ruff does: no traceback, and the exit code stays what it would have
    been (so `--check | head` still fails the gate). stderr goes too when it is
    the same pipe.
    """
    try:
        out = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests capture it): nothing to redirect
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        try:
            same = os.path.samestat(os.fstat(out), os.fstat(sys.stderr.fileno()))
        except (AttributeError, OSError, ValueError):
            same = False
        os.dup2(devnull, out)
        if same:
            os.dup2(devnull, sys.stderr.fileno())
    finally:
        os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    code: int | None = None
    try:
        code = dispatch(argv)
        sys.stdout.flush()  # a closed pipe shows here when the whole output fit in the buffer
    except BrokenPipeError:
        silence_closed_output()
    return EXIT_OK if code is None else code


def dispatch(argv: list[str]) -> int:
    if argv[:1] == ["init"]:
        command, args = run_init, build_init_parser().parse_args(argv[1:])
    else:
        command, args = run, build_parser().parse_args(argv)
    try:
        return command(args)
    except UsageError as exc:
        print(f"mir-fix: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Interrupted as exc:
        for path in exc.applied.written:
            print(f"wrote {path}")
        for path in exc.applied.created:
            print(f"created {path}")
        print(
            f"mir-fix: interrupted: {len(exc.applied.changes)} change(s) applied whole (files listed above), "
            "the rest not started; nothing half-written remains",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except BranchInterrupted as exc:
        print(f"mir-fix: interrupted: {exc}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        print("mir-fix: interrupted; nothing more was written and nothing half-written remains", file=sys.stderr)
        return EXIT_INTERRUPTED


def run(args: argparse.Namespace) -> int:
    if args.list:
        width = max(len(c.id) for c in CODEMODS)
        for codemod in CODEMODS:
            print(f"{codemod.id.ljust(width)}  {codemod.title}")
            if codemod.checks:
                print(f"{''.ljust(width)}  checks: {', '.join(codemod.checks)} (mir-fix --explain CHECK)")
        return EXIT_OK
    if args.explain:
        explained = by_id(args.explain)
        check = by_check(args.explain) if explained is None else None
        if check is not None:
            owner, help_text = check
            print(f"{args.explain.replace('-', '_')} (a check of {owner.id}: mir-fix --explain {owner.id})\n")
            print(help_text.strip())
        elif explained is None:
            raise UsageError(f"--explain: unknown codemod or check {args.explain}; see mir-fix --list")
        else:
            print(f"{explained.id}: {explained.title}\n\n{explained.explain.strip()}")
        return EXIT_OK
    if (args.interactive or args.branch) and (args.write or args.check or args.format != "text"):
        raise UsageError("--interactive and --branch do not combine with --write, --check or --format")
    if args.statistics and args.format not in ("text", "json"):
        raise UsageError("--statistics goes with --format text or json")
    if args.allow_dirty and not args.branch:
        raise UsageError("--allow-dirty goes with --branch")
    if args.interactive and not stdin_is_terminal():
        raise UsageError("--interactive needs a terminal on stdin; in scripts use the dry run, --write or --branch")
    if args.jobs < 0:
        raise UsageError("--jobs takes a whole number (0: one process per core)")
    if "-" in args.paths or args.stdin_filename is not None:
        return run_stdin(args)
    paths = [Path(p) for p in (args.paths or ["."])]
    for path in paths:
        if not os.path.lexists(path):
            raise UsageError(f"{path}: no such file or folder")
    # A run stopped by a kill or a power cut left at most one batch half-written: the modes that write finish or
    # undo it first; a dry run or --check writes nothing and stops, since the tree it would analyse may be half-written.
    if args.write or args.interactive or args.branch:
        for message in recover_interrupted([Path.cwd(), *paths]):
            print(f"mir-fix: {message}", file=sys.stderr)
    elif interrupted(Path.cwd(), *paths):
        return EXIT_USAGE
    options = load_options(args, paths)
    jobs = args.jobs or os.cpu_count() or 1
    try:
        progress = Progress() if args.format == "text" and sys.stderr.isatty() else None
        plan = analyze(paths, CODEMODS, options, Path.cwd(), jobs=jobs, progress=progress)
        if progress:
            progress.done()
    except PathNotFound as exc:
        raise UsageError(str(exc)) from exc
    report = TextReport(color=use_color(args.color))
    if args.branch:
        return run_branch_mode(args, plan, paths, report)
    if args.interactive:
        report.findings_and_errors(plan)
        session = run_interactive(plan, Applier(Path.cwd()), report)
        return EXIT_INTERRUPTED if session.interrupted else exit_code(plan, None, check=False)
    # needs-input changes are written with their placeholders, which fail loudly until answered.
    applied = apply(plan.writable, Path.cwd()) if args.write else None
    try:
        emit(plan, applied, args)
    except BrokenPipeError:
        silence_closed_output()  # the exit code still says what the run found
    except KeyboardInterrupt:
        if applied is None:
            raise
        raise Interrupted(applied) from None  # what was written must still be said
    return exit_code(plan, applied, check=args.check)


def interrupted(*starts: Path) -> bool:
    """In the modes that never write: say so and stop when a journal shows an interrupted (or running) write."""
    messages = interrupted_runs(list(starts))
    for message in messages:
        print(f"mir-fix: {message}", file=sys.stderr)
    return bool(messages)


def run_stdin(args: argparse.Namespace) -> int:
    """`mir-fix - --stdin-filename PATH`: the file's text from stdin, analysed where PATH says it lives.

    A dry run only (the diff, or the --format document); nothing is ever
    written, not even PATH.
    """
    if args.paths not in ([], ["-"]):
        raise UsageError("- reads one file from stdin: give no other PATH with it")
    if args.stdin_filename is None:
        raise UsageError("- reads a file from stdin: give --stdin-filename PATH, where it lives in the project")
    if args.write or args.interactive or args.branch or args.since:
        raise UsageError("stdin (-) is a dry run only: --write, --interactive, --branch and --since need files")
    name = Path(args.stdin_filename)
    if not name.name.endswith((".ex", ".exs")):
        raise UsageError(
            f"--stdin-filename {name}: give an .ex or .exs file (templates are read through their LiveView module)"
        )
    if interrupted(Path.cwd(), name):
        return EXIT_USAGE
    options = load_options(args, [name])
    selection = Selection(options.exclude, options.respect_gitignore, options.force_exclude, str(Path.cwd().resolve()))
    real = os.path.realpath(name)
    content = sys.stdin.buffer.read()
    ignored = GitIgnored(options.respect_gitignore)
    if options.force_exclude and (selection.excluded_given(real) or ignored.ignored_given(real)):
        plan = Plan([], [], [], files_scanned=0, files_parsed=0)
    else:
        plan = analyze_content(content, name, CODEMODS, options, Path.cwd())
    try:
        emit(plan, None, args)
    except BrokenPipeError:
        silence_closed_output()
    return exit_code(plan, None, check=args.check)


def run_branch_mode(args: argparse.Namespace, plan: Plan, paths: list[Path], report: TextReport) -> int:
    changes = plan.writable
    if args.interactive:
        report.findings_and_errors(plan)
        session = review(plan, QuestionaryPrompter(), report, apply=None)
        print_session(session, report)
        if session.interrupted:
            raise BranchInterrupted("no branch was created and nothing was written")
        changes = session.applied
    try:
        result = run_branch(args.branch, changes, CODEMODS, Path.cwd(), paths, allow_dirty=args.allow_dirty)
    except BranchError as exc:
        raise UsageError(f"--branch: {exc}") from exc
    if not args.interactive:
        report.plan(plan, show_diffs=False)
    if not result.created:
        for item, why in result.left_alone:
            print(f"  left alone: {item.change.path}: {why}", file=report.out)
        for error in result.applied.errors:
            print(f"error: {error.path}: {error.message}", file=sys.stderr)
        print(f"nothing to do: no change to commit, so no branch was created; still on {result.original}",
              file=report.out)  # fmt: skip
        return exit_code(plan, result.applied, check=False)
    print(f"on branch {result.name} (from {result.original}): {len(result.commits)} commit(s)", file=report.out)
    for commit in result.commits:
        print(f"  {commit.message.splitlines()[0]} ({len(commit.files)} file(s))", file=report.out)
    for item, why in result.left_alone:
        print(f"  left alone: {item.change.path}: {why}", file=report.out)
    for error in result.applied.errors:
        print(f"error: {error.path}: {error.message}", file=sys.stderr)
    if not args.interactive:
        report.shipped_note(plan)
    print(
        f"the work on {result.original} is untouched; review with: git log {result.original}..{result.name}",
        file=report.out,
    )
    return exit_code(plan, result.applied, check=False)


def emit(plan: Plan, applied: Applied | None, args: argparse.Namespace) -> None:
    if args.format == "json":
        print_json(plan, applied, with_statistics=args.statistics)
        return
    if args.format == "sarif":
        print_sarif(plan)
        return
    if args.format == "github":
        print_github(plan)
        return
    report = TextReport(color=use_color(args.color))
    if args.statistics:
        report.statistics(plan)
        report.errors(plan)
    elif args.quiet:
        report.errors(plan)
    else:
        report.plan(plan, show_diffs=True)
    report.summary(plan, applied, quiet=args.quiet)


def use_color(choice: str) -> bool:
    """`--color always` wins over NO_COLOR, as an explicit flag should (no-color.org)."""
    if choice == "auto":
        return sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return choice == "always"


def exit_code(plan: Plan, applied: Applied | None, *, check: bool) -> int:
    errors = plan.errors + (applied.errors if applied else [])
    if any(e.unreadable for e in errors):
        return EXIT_USAGE
    # A file the gate would have analysed but could not (it does not parse, is not UTF-8, or a change to it
    # was dropped) must not pass it: what it holds is unknown (ruff fails on syntax errors too).
    if check and (plan.failing or plan.errors):
        return EXIT_FOUND
    return EXIT_OK


def build_init_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mir-fix init",
        allow_abbrev=False,
        description="Write .mir-fix.toml with start_after = the newest migration version found under PATH: "
        "migrations up to it are taken as run in production and left alone; newer ones are rewritten.",
    )
    parser.add_argument("path", nargs="?", default=".", metavar="PATH", help="the project root (default: .)")
    return parser


def run_init(args: argparse.Namespace) -> int:
    root = Path(args.path)
    if not root.is_dir():
        raise UsageError(f"init: {root} is not a folder; give the project root")
    target = root / CONFIG_NAME
    newest = newest_migration(root.resolve())
    if target.exists():
        hint = f" (the newest migration is {newest[0]})" if newest else ""
        raise UsageError(
            f"init: {target} already exists and mir-fix init does not overwrite it; set start_after in it by hand{hint}"
        )
    if newest is None:
        raise UsageError(
            f"init: found no migration under {root} (a file named <version>_<name>.exs that uses "
            "Ecto.Migration), so there is no start_after to set; every migration you add is rewritten"
        )
    version, where = newest
    text = (
        "# Written by `mir-fix init`; every setting is described in mir-fix's .mir-fix.toml.example.\n\n"
        f"# Migrations up to this version have run in production (the newest was {where}):\n"
        "# mir-fix leaves them alone and rewrites only newer ones.\n"
        f'start_after = "{version}"\n'
    )
    try:
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError as exc:
        raise UsageError(f"init: {target} already exists and mir-fix init does not overwrite it") from exc
    except OSError as exc:
        raise UsageError(f"init: cannot write {target}: {exc.strerror}") from exc
    print(f'wrote {target}: start_after = "{version}" ({where})')
    print("migrations up to it are left alone; mir-fix rewrites the ones you add after it")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
