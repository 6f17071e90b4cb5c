package dev.awsmfa.status;

import dev.awsmfa.failure.ExitCode;
import dev.awsmfa.files.AwsPaths;
import dev.awsmfa.profiles.AwsProfiles;
import dev.awsmfa.profiles.Environment;
import dev.awsmfa.profiles.SessionOrigin;
import dev.awsmfa.profiles.SharedFile;
import dev.awsmfa.text.DurationText;
import dev.awsmfa.text.JsonText;
import dev.awsmfa.text.OneLine;
import dev.awsmfa.text.TimeText;
import java.io.PrintStream;
import java.nio.file.FileSystem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code awsmfa status}: how long the stored sessions have left, read from the credentials file
 * alone, with no network call, so that reminders and scripts can ask often and cheaply.
 */
public final class Status {
  /** How a session stands, worst last. */
  enum State {
    VALID(ExitCode.OK), EXPIRING(ExitCode.EXPIRING), EXPIRED(ExitCode.EXPIRED),
    MISSING(ExitCode.EXPIRED);

    final ExitCode exitCode;

    State(ExitCode exitCode) {
      this.exitCode = exitCode;
    }
  }

  /** One profile's session: expiration is empty when there is none. */
  record Session(String profile, State state, Optional<Instant> expiration, Duration left,
      Optional<SessionOrigin> origin) {}

  private final FileSystem fs;
  private final Environment env;
  private final Clock clock;
  private final PrintStream out;

  /** A status report of the files that {@code env} names, as of {@code clock}, on {@code out}. */
  public Status(FileSystem fs, Environment env, Clock clock, PrintStream out) {
    this.fs = fs;
    this.env = env;
    this.clock = clock;
    this.out = out;
  }

  /** Prints the sessions and returns the exit code of the worst. */
  public ExitCode run(StatusOptions options) {
    AwsPaths paths = env.awsPaths(fs);
    SharedFile credentials = SharedFile.credentials(paths);
    AwsProfiles profiles = new AwsProfiles(credentials,
        SharedFile.config(paths));
    List<String> names = options.all() ? profiles.profilesWithExpiry()
        : List.of(options.mfaProfileName());
    List<Session> sessions = new ArrayList<>();
    for (String name : names) {
      sessions.add(session(name, profiles.expiration(name), options.warnWithin(),
          profiles.origin(name)));
    }
    if (!options.quiet()) {
      print(sessions, options.json(), credentials.display());
    }
    ExitCode worst = sessions.isEmpty() ? ExitCode.EXPIRED : ExitCode.OK;
    for (Session s : sessions) {
      if (s.state().exitCode.code() > worst.code()) {
        worst = s.state().exitCode;
      }
    }
    return worst;
  }

  private void print(List<Session> sessions, boolean json, String file) {
    if (json) {
      out.print(json(sessions));
    } else if (sessions.isEmpty()) {
      out.println(OneLine.of("no session with an expiry in " + file));
    } else {
      for (Session s : sessions) {
        out.println(OneLine.of(line(s, file)));
      }
    }
  }

  private Session session(String name, Optional<Instant> expiration, Duration warnWithin,
      Optional<SessionOrigin> origin) {
    if (expiration.isEmpty()) {
      return new Session(name, State.MISSING, expiration, Duration.ZERO, origin);
    }
    Duration left = Duration.between(clock.instant(), expiration.get());
    State state = left.isNegative() || left.isZero() ? State.EXPIRED
        : left.compareTo(warnWithin) <= 0 ? State.EXPIRING : State.VALID;
    return new Session(name, state, expiration, left, origin);
  }

  private String line(Session s, String file) {
    String until = s.expiration().isPresent() ? TimeText.local(s.expiration().get(), clock)
        : "";
    String from = s.origin().isPresent() ? ", from profile '" + s.origin().get().profile()
        + "' with " + s.origin().get().serialNumber() : "";
    return switch (s.state()) {
      case VALID -> s.profile() + ": valid until " + until + " (" + DurationText.format(s.left())
          + " left)" + from;
      case EXPIRING -> s.profile() + ": expires soon, at " + until + " ("
          + DurationText.format(s.left()) + " left)" + from + ": run awsmfa with a new code";
      case EXPIRED -> s.profile() + ": expired at " + until + from
          + ": run awsmfa with a new code";
      case MISSING -> s.profile() + ": no session in " + file + ": run awsmfa with a code";
    };
  }

  private static String json(List<Session> sessions) {
    StringBuilder json = new StringBuilder("{\n    \"Profiles\": [");
    for (int i = 0; i < sessions.size(); i++) {
      Session s = sessions.get(i);
      json.append(i == 0 ? "\n" : ",\n").append("        {\n")
          .append("            \"Profile\": ").append(JsonText.quote(s.profile())).append(",\n")
          .append("            \"State\": \"").append(s.state().name().toLowerCase(Locale.ROOT))
          .append("\",\n")
          .append("            \"Expiration\": ")
          .append(s.expiration().isPresent() ? JsonText.quote(s.expiration().get().toString())
              : "null").append(",\n")
          .append("            \"SourceProfile\": ").append(s.origin().isPresent()
              ? JsonText.quote(s.origin().get().profile()) : "null").append(",\n")
          .append("            \"SerialNumber\": ").append(s.origin().isPresent()
              ? JsonText.quote(s.origin().get().serialNumber()) : "null").append(",\n")
          .append("            \"SecondsLeft\": ").append(Math.max(0, s.left().toSeconds()))
          .append("\n        }");
    }
    return json.append(sessions.isEmpty() ? "]\n}\n" : "\n    ]\n}\n").toString();
  }
}
