package dev.awsmfa;

import dev.awsmfa.cli.Cli;
import dev.awsmfa.cli.Invocation;
import dev.awsmfa.exec.Exec;
import dev.awsmfa.export.Export;
import dev.awsmfa.failure.AwsmfaException;
import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.iam.AwsPlace;
import dev.awsmfa.iam.IamCalls;
import dev.awsmfa.iam.SdkIamCalls;
import dev.awsmfa.iam.SigningKeys;
import dev.awsmfa.profiles.Environment;
import dev.awsmfa.profiles.StoredSession;
import dev.awsmfa.refresh.Refresh;
import dev.awsmfa.refresh.Terminal;
import dev.awsmfa.refresh.TokenCodes;
import dev.awsmfa.rotate.Rotate;
import dev.awsmfa.status.Status;
import dev.awsmfa.sts.SdkSessionTokenSource;
import dev.awsmfa.sts.SessionTokenSource;
import dev.awsmfa.text.OneLine;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The {@code awsmfa} command. Every failure the user can act on arrives here as an {@link
 * AwsmfaException} and leaves as one line on stderr and its exit code.
 */
public final class Main {
  private Main() {}

  /** Runs awsmfa and exits with its status. */
  public static void main(String[] args) {
    Environment env = new Environment(System.getenv(), System.getProperty("user.home"));
    // A lambda, not a method reference: the SDK's classes load only when STS is called.
    int status = run(args, env, FileSystems.getDefault(), new SystemClock(),
        () -> new SdkSessionTokenSource(), Main::sdkIam,
        // Unbuffered: '-' takes one line, and the rest is left for whatever reads stdin next.
        new TokenCodes(new FileInputStream(FileDescriptor.in), Terminal.system()),
        System.out, System.err);
    // Success returns instead: on JDK 21 and later Runtime.exit logs through System.Logger, and
    // every thread awsmfa starts is a daemon, so returning ends the process all the same.
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs awsmfa with no stdin and no terminal: codes come from the arguments only. */
  static int run(String[] args, Environment env, FileSystem fs, Clock clock,
      Supplier<SessionTokenSource> sts, PrintStream out, PrintStream err) {
    return run(args, env, fs, clock, sts, Main::sdkIam,
        new TokenCodes(InputStream.nullInputStream(), Terminal.none()), out, err);
  }

  /** The same, with the AWS SDK's IAM. */
  static int run(String[] args, Environment env, FileSystem fs, Clock clock,
      Supplier<SessionTokenSource> sts, TokenCodes codes, PrintStream out, PrintStream err) {
    return run(args, env, fs, clock, sts, Main::sdkIam, codes, out, err);
  }

  /** Runs awsmfa with everything it touches injected, and returns the exit status. */
  static int run(String[] args, Environment env, FileSystem fs, Clock clock,
      Supplier<SessionTokenSource> sts, IamCalls.Connector iam, TokenCodes codes,
      PrintStream out, PrintStream err) {
    boolean debug = Cli.wantsDebug(args);
    try {
      Invocation invocation = Cli.parse(args);
      if (invocation instanceof Invocation.ShowHelp help) {
        out.print(help.text());
        return ExitCode.OK.code();
      }
      if (invocation instanceof Invocation.ShowVersion) {
        out.println("awsmfa " + version());
        return ExitCode.OK.code();
      }
      if (invocation instanceof Invocation.RunStatus status) {
        return new Status(fs, env, clock, out).run(status.options()).code();
      }
      if (invocation instanceof Invocation.RunExport export) {
        new Export(new StoredSession(fs, env, clock), out).run(export.options());
        return ExitCode.OK.code();
      }
      if (invocation instanceof Invocation.RunExec exec) {
        return new Exec(new StoredSession(fs, env, clock), Exec.stdinIsTerminal())
            .run(exec.options());
      }
      if (invocation instanceof Invocation.RunRefresh refresh) {
        new Refresh(fs, env, clock, sts, iam, codes, out, err).run(refresh.options());
        return ExitCode.OK.code();
      }
      if (invocation instanceof Invocation.RunRotate rotate) {
        Refresh first = new Refresh(fs, env, clock, sts, iam, codes, out, err);
        new Rotate(fs, env, clock, first, iam, d -> Thread.sleep(d.toMillis()), err)
            .run(rotate.options());
        return ExitCode.OK.code();
      }
      throw new IllegalStateException("no command runs " + invocation);
    } catch (AwsmfaException e) {
      err.println("awsmfa: " + OneLine.of(e.getMessage()));
      if (debug) {
        if (!e.detail().isEmpty()) {
          err.println("awsmfa: debug: " + OneLine.of(e.detail()));
        }
        if (e.getCause() != null) {
          e.getCause().printStackTrace(err);
        }
      }
      return e.exitCode().code();
    } catch (RuntimeException e) {
      err.println("awsmfa: unexpected error (" + OneLine.of(e.toString())
          + "): run again with --debug and report it");
      if (debug) {
        e.printStackTrace(err);
      }
      return ExitCode.INTERNAL.code();
    }
  }

  /**
   * The SDK's IAM, in a method of its own rather than a method reference to its constructor: its
   * classes load only when IAM is called.
   */
  private static IamCalls sdkIam(SigningKeys keys, AwsPlace place) {
    return new SdkIamCalls(keys, place);
  }

  private static String version() {
    try (InputStream in = Main.class.getResourceAsStream("version.txt")) {
      return in == null ? "(development build)"
          : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "(unknown version)";
    }
  }
}
