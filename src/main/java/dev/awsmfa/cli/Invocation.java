package dev.awsmfa.cli;

import dev.awsmfa.exec.ExecOptions;
import dev.awsmfa.export.ExportOptions;
import dev.awsmfa.refresh.RefreshOptions;
import dev.awsmfa.rotate.RotateOptions;
import dev.awsmfa.status.StatusOptions;

/** What the command line asks awsmfa to do. */
public sealed interface Invocation {

  /** Refresh the session: {@code awsmfa [refresh]}. */
  record RunRefresh(RefreshOptions options) implements Invocation {}

  /** Report how long sessions have left: {@code awsmfa status}. */
  record RunStatus(StatusOptions options) implements Invocation {}

  /** Print the stored session: {@code awsmfa export}. */
  record RunExport(ExportOptions options) implements Invocation {}

  /** Run a command with the stored session: {@code awsmfa exec}. */
  record RunExec(ExecOptions options) implements Invocation {}

  /** Replace the source profile's access key: {@code awsmfa rotate}. */
  record RunRotate(RotateOptions options) implements Invocation {}

  /** Print {@code text}, a command's help, and exit. */
  record ShowHelp(String text) implements Invocation {}

  /** Print the version and exit. */
  record ShowVersion() implements Invocation {}
}
