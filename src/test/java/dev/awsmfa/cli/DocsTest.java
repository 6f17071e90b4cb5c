package dev.awsmfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.awsmfa.failure.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** README, man page and --help must describe the same tool; the man page and scripts must lint. */
class DocsTest {
  private static final Path README = Path.of("README.md");
  private static final Path MAN = Path.of("man/awsmfa.1");

  /** Every long flag of every command in the option table. */
  private static Set<String> flags() {
    Set<String> flags = new TreeSet<>();
    OptionTable.GLOBAL.forEach(flag -> flags.add(flag.name()));
    for (Command<?> command : OptionTable.COMMANDS) {
      command.options().forEach(flag -> flags.add(flag.name()));
    }
    return flags;
  }

  private static Set<String> matches(String text, String regex) {
    Set<String> found = new TreeSet<>();
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void theManPageAndTheHelpNameEveryFlagAndTheReadmeNoOther() throws IOException {
    String man = Files.readString(MAN);
    assertEquals(flags(), matches(man, "^\\.It .*?Fl \\\\-([a-z-]+)"), "man page option list");
    StringBuilder helps = new StringBuilder();
    for (Command<?> command : OptionTable.COMMANDS) {
      helps.append(HelpText.of(command));
    }
    assertEquals(flags(), matches(helps.toString(), "^  (?:-h, )?--([a-z-]+)"), "--help");
    Set<String> named = matches(Files.readString(README), "(?<![\\w-])--([a-z][a-z-]*[a-z])");
    named.removeAll(flags());
    named.remove("label"); // secret-tool's, in the example that stores keys for it
    assertEquals(Set.of(), named, "flags that README names but awsmfa does not take");
  }

  @Test
  void theReadmeIsShortAndEveryDocumentItOrTheCodeCitesExists() throws IOException {
    List<String> readme = Files.readAllLines(README);
    assertTrue(readme.size() <= 200, "README.md has " + readme.size() + " lines, not at most 200");
    Set<String> cited = matches(String.join("\n", readme),
        "\\]\\(((?:docs/|man/|CONTRIBUTING)[^)#]*)");
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(Files::isRegularFile).toList()) {
        cited.addAll(matches(Files.readString(source), "((?:docs/)[a-z-]+\\.md)"));
      }
    }
    assertTrue(cited.contains("docs/ini-rules.md"), "the INI code cites its rules: " + cited);
    for (String document : cited) {
      assertTrue(Files.isRegularFile(Path.of(document)), document + " is cited but missing");
    }
  }

  @Test
  void readmeAndManPageListEveryExitStatus() throws IOException {
    Set<String> codes = Arrays.stream(ExitCode.values()).map(c -> String.valueOf(c.code()))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(codes, matches(Files.readString(README), "^\\| ([0-9]+) \\|"));
    String man = Files.readString(MAN);
    String exitSection = man.substring(man.indexOf(".Sh EXIT STATUS"), man.indexOf(".Sh EXAMPLES"));
    assertEquals(codes, matches(exitSection, "^\\.It ([0-9]+)$"));
    String help = HelpText.of(OptionTable.REFRESH);
    for (ExitCode code : ExitCode.values()) {
      assertTrue(help.contains(code.code() + " "), "--help names exit status " + code);
    }
  }

  @Test
  void theManPageHasNoLintWarnings() throws Exception {
    assumeTrue(onPath("mandoc"), "mandoc is not installed: skipping the man page lint");
    assertEquals("", run("mandoc", "-Tlint", "-W", "warning", MAN.toString()));
  }

  @Test
  void theShellScriptsPassShellcheck() throws Exception {
    assumeTrue(onPath("shellcheck"), "shellcheck is not installed: skipping the script lint");
    assertEquals("", run("shellcheck", "dist/awsmfa", "src/demo/demo.sh", "src/bench/scale.sh",
        "src/bench/startup.sh", "src/build/standin.sh", "src/build/train.sh",
        "src/build/bundle.sh", "dist/install.sh", "src/interop/run.sh", ".ci/run"));
  }

  private static boolean onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  /** Runs a linter and returns what it printed; a non-zero exit must come with output. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return process.exitValue() == 0 ? output : output + "(exit " + process.exitValue() + ")";
  }
}
