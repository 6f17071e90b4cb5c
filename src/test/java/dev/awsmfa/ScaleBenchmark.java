package dev.awsmfa;

import dev.awsmfa.files.AtomicFile;
import dev.awsmfa.ini.IniDocument;
import dev.awsmfa.profiles.AwsProfiles;
import dev.awsmfa.profiles.SharedFile;
import dev.awsmfa.sts.SessionTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Times the edit of credentials files with 10, 1,000 and 10,000 profiles: parse, find the
 * profiles, write the session into the last one. Run by {@code src/bench/scale.sh}; it prints
 * figures and is no test.
 */
public final class ScaleBenchmark {
  private static final SessionTokens SESSION = new SessionTokens("ASIABENCHMARK0000001",
      "secret", "token==", Instant.parse("2026-11-23T09:00:00Z"));

  private ScaleBenchmark() {}

  /** Prints one line per size: profiles, bytes, median time, time per profile. */
  public static void main(String[] args) throws IOException {
    int[] sizes = {10, 1_000, 10_000};
    System.out.printf("%10s %12s %12s %16s%n", "profiles", "bytes", "median ms",
        "us per profile");
    for (int size : sizes) {
      byte[] file = file(size);
      int runs = size >= 10_000 ? 30 : 200;
      for (int i = 0; i < runs; i++) {
        edit(file); // warm-up, so that the figures are of the code, not of the JIT
      }
      long[] nanos = new long[runs];
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        edit(file);
        nanos[i] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      double medianMs = nanos[runs / 2] / 1e6;
      System.out.printf("%10d %12d %12.3f %16.3f%n", size, file.length, medianMs,
          medianMs * 1000 / size);
    }
  }

  private static byte[] file(int profiles) {
    StringBuilder s = new StringBuilder("# generated\n");
    for (int i = 0; i < profiles - 1; i++) {
      s.append("[profile-").append(i).append("]\naws_access_key_id = AKIA")
          .append(String.format("%016d", i)).append("\naws_secret_access_key = secret")
          .append(i).append("\n; note\n\n");
    }
    s.append("[mfa]\naws_access_key_id = ASIAOLD\naws_secret_access_key = old\n"
        + "aws_session_token = old==\n");
    return s.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static int edit(byte[] bytes) throws IOException {
    SharedFile credentials = new SharedFile("credentials", AtomicFile.at(Path.of("credentials")),
        Optional.of(bytes), IniDocument.parse(bytes));
    SharedFile config = new SharedFile("config", AtomicFile.at(Path.of("config")),
        Optional.empty(), IniDocument.parse(""));
    AwsProfiles profiles = new AwsProfiles(credentials, config);
    profiles.source("profile-0");
    profiles.checkTarget("mfa", "profile-0");
    return profiles.credentialsWith("mfa", SESSION).length;
  }
}
