package dev.awsmfa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell completions in dist/completion: the bash script run the way bash runs it (COMP_WORDS,
 * COMP_CWORD, COMP_LINE and COMP_POINT set, then _awsmfa called), the zsh script as far as zsh is
 * installed, and both checked against every flag of {@code awsmfa --help}.
 */
class CompletionTest {
  private static final Path BASH_SCRIPT = Path.of("dist/completion/awsmfa.bash");
  private static final Path ZSH_SCRIPT = Path.of("dist/completion/_awsmfa");
  private static final String ALICE = "arn:aws:iam::123456789012:mfa/alice";
  private static final String BOB = "arn:aws:iam::123456789012:mfa/bob";
  private static final String DEPLOY_ROLE = "arn:aws:iam::123456789012:role/deploy";
  /** Every profile of the fixture files, as bash offers them (a blank escaped). */
  private static final List<String> PROFILES =
      List.of("default", "deploy", "dev", "mfa", "my\\ team", "work");

  @TempDir Path tmp;
  private Path home;

  @BeforeEach
  void awsFiles() throws IOException {
    home = Files.createDirectories(tmp.resolve("home"));
    Path aws = Files.createDirectories(home.resolve(".aws"));
    // CRLF and LF lines mixed, headers indented and padded, a repeated profile, [DEFAULT].
    Files.writeString(aws.resolve("credentials"), ""
        + "[default]\r\n"
        + "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\n"
        + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n"
        + "\r\n"
        + "  [ work ]  \n"
        + "aws_access_key_id = AKIAI44QH8DHBEXAMPLE\n"
        + "[mfa]\r\n"
        + "aws_session_token = IQoJb3JpZ2luX2VjEXAMPLE\r\n"
        + "[DEFAULT]\n"
        + "region = eu-west-1\n",
        StandardCharsets.UTF_8);
    Files.writeString(aws.resolve("config"), ""
        + "[default]\r\n"
        + "region = us-east-1\r\n"
        + "mfa_serial = " + ALICE + "\r\n"
        + "[profile dev]\r\n"
        + "  mfa_serial=" + BOB + "  \r\n"
        + "[profile \"my team\"]\n"
        + "source_profile = default\n"
        + "mfa_serial = " + ALICE + "\n"
        + "[sso-session corp]\n"
        + "sso_start_url = https://corp.awsapps.com/start\n"
        + "[services local]\n"
        + "sts =\n"
        + "  endpoint_url = http://localhost:4566\n"
        + "[DEFAULT]\n"
        + "[profile work]\n"
        + "\t[profile   deploy]\r\n"
        + "role_arn = " + DEPLOY_ROLE + "\r\n"
        + "role_session_name = not-a-role-arn\r\n",
        StandardCharsets.UTF_8);
  }

  // ---- bash ----------------------------------------------------------------------------------

  @Test
  void theBashScriptPassesShellcheck() throws Exception {
    assumeTrue(onPath("shellcheck"), "shellcheck is not installed: skipping the bash lint");
    Result lint = run(List.of("shellcheck", "-s", "bash", BASH_SCRIPT.toString()), Map.of());
    assertEquals(0, lint.exit(), lint.stdout() + lint.stderr());
    assertEquals("", lint.stdout());
  }

  @Test
  void bashCompletesFlagsOfTheRefresh() throws Exception {
    assertEquals(List.of("--profile"), bash("awsmfa --pro", "awsmfa", "--pro"));
    List<String> all = bash("awsmfa --", "awsmfa", "--");
    for (String flag : List.of("--serial-number", "--token-code", "--force", "--no-write",
        "--quiet", "--debug", "--help", "--version")) {
      assertTrue(all.contains(flag), flag + " in " + all);
    }
    assertFalse(all.contains("--all"), "--all is a status flag: " + all);
    assertFalse(all.contains("--warn-within"), "--warn-within is a status flag: " + all);
    // The first word may also be the subcommand.
    assertEquals(List.of("status"), bash("awsmfa st", "awsmfa", "st"));
    assertTrue(bash("awsmfa ", "awsmfa", "").contains("status"));
    // A token code has been given: no subcommand any more, and nothing to offer for a code.
    assertFalse(bash("awsmfa 123456 ", "awsmfa", "123456", "").contains("status"));
    assertEquals(List.of(), bash("awsmfa --token-code ", "awsmfa", "--token-code", ""));
  }

  @Test
  void bashCompletesFlagsOfStatus() throws Exception {
    List<String> flags = bash("awsmfa status --", "awsmfa", "status", "--");
    assertTrue(flags.contains("--all"), flags.toString());
    assertTrue(flags.contains("--warn-within"), flags.toString());
    assertTrue(flags.contains("--mfa-profile-name"), flags.toString());
    assertFalse(flags.contains("--force"), flags.toString());
    assertFalse(flags.contains("--profile"), flags.toString());
    // status is the first word that is neither a flag nor a flag's value.
    List<String> after = bash("awsmfa --mfa-profile-name mfa status --w",
        "awsmfa", "--mfa-profile-name", "mfa", "status", "--w");
    assertEquals(List.of("--warn-within"), after);
    // A profile named status is a value, not the subcommand.
    assertEquals(List.of("--force"), bash("awsmfa --profile status --fo",
        "awsmfa", "--profile", "status", "--fo"));
  }

  @Test
  void bashCompletesEveryProfileOnceAndNothingElse() throws Exception {
    List<String> profiles = bash("awsmfa --profile ", "awsmfa", "--profile", "");
    assertEquals(PROFILES, sorted(profiles), "each profile exactly once");
    assertEquals(profiles.size(), new TreeSet<>(profiles).size(), "a profile repeated");
    for (String notAProfile : List.of("DEFAULT", "corp", "sso-session corp", "local", "services")) {
      assertFalse(profiles.contains(notAProfile), notAProfile + " in " + profiles);
    }
    assertTrue(profiles.stream().noneMatch(p -> p.contains("\r") || p.contains("[")), profiles
        .toString());
    assertEquals(PROFILES, sorted(bash("awsmfa status --mfa-profile-name ",
        "awsmfa", "status", "--mfa-profile-name", "")));
    assertEquals(List.of("my\\ team"), bash("awsmfa --mfa-profile-name my",
        "awsmfa", "--mfa-profile-name", "my"));
  }

  @Test
  void bashCompletesTheValueAfterAnEqualsSign() throws Exception {
    // bash splits at the = of COMP_WORDBREAKS, and replaces only the text after it.
    List<String> de = bash("awsmfa --profile=de", "awsmfa", "--profile", "=", "de");
    assertEquals(List.of("default", "deploy", "dev"), sorted(de));
    assertEquals(PROFILES, sorted(bash("awsmfa --profile=", "awsmfa", "--profile", "=")));
    assertEquals(List.of("json", "env"), bash("awsmfa --output=", "awsmfa", "--output", "="));
    // Where the user took = out of COMP_WORDBREAKS, the word is whole and so is the reply.
    Map<String, String> noEquals = Map.of("WORDBREAKS", " \t\n\"'><;|&(:");
    assertEquals(List.of("--profile=default", "--profile=deploy", "--profile=dev"),
        sorted(bash(noEquals, "awsmfa --profile=de", "awsmfa", "--profile=de")));
  }

  @Test
  void bashCompletesValues() throws Exception {
    assertEquals(List.of("json", "env"), bash("awsmfa --output ", "awsmfa", "--output", ""));
    assertEquals(List.of("json"),
        bash("awsmfa status --output ", "awsmfa", "status", "--output", ""));
    assertEquals(List.of("3600", "43200", "129600"),
        bash("awsmfa --duration-seconds ", "awsmfa", "--duration-seconds", ""));
    assertEquals(List.of("1h", "2h", "4h"),
        bash("awsmfa --min-remaining ", "awsmfa", "--min-remaining", ""));
    assertEquals(List.of("1h", "2h", "4h"),
        bash("awsmfa status --warn-within ", "awsmfa", "status", "--warn-within", ""));
    List<String> regions = bash("awsmfa --region ", "awsmfa", "--region", "");
    assertTrue(regions.containsAll(List.of("us-east-1", "us-west-2", "eu-west-1", "eu-central-1",
        "ap-northeast-1")), regions.toString());
    assertEquals(List.of("eu-central-1"), bash("awsmfa --region eu-c", "awsmfa", "--region",
        "eu-c"));
  }

  @Test
  void bashCompletesTheMfaSerialsAndRoleArnsOfTheConfig() throws Exception {
    assertEquals(List.of(ALICE, BOB),
        bash("awsmfa --serial-number ", "awsmfa", "--serial-number", ""));
    // bash splits an ARN at its colons and replaces only the text after the last one.
    assertEquals(List.of(DEPLOY_ROLE), bash("awsmfa --role-arn ", "awsmfa", "--role-arn", ""));
    assertEquals(List.of("mfa/alice"), bash("awsmfa --serial-number " + ALICE.substring(0, 32),
        "awsmfa", "--serial-number", "arn", ":", "aws", ":", "iam", "::", "123456789012", ":",
        "mfa/a"));
  }

  @Test
  void bashReadsTheFilesThatTheEnvironmentNames() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path config = Files.writeString(elsewhere.resolve("cfg"),
        "[profile elsewhere]\r\nmfa_serial = arn:aws:iam::210987654321:mfa/carol\r\n");
    Path credentials = Files.writeString(elsewhere.resolve("creds"), "[keys]\n");
    assertEquals(List.of("default", "elsewhere", "mfa", "work"),
        sorted(bash(Map.of("AWS_CONFIG_FILE", config.toString()),
            "awsmfa --profile ", "awsmfa", "--profile", "")));
    assertEquals(List.of("arn:aws:iam::210987654321:mfa/carol"),
        bash(Map.of("AWS_CONFIG_FILE", config.toString()),
            "awsmfa --serial-number ", "awsmfa", "--serial-number", ""));
    assertEquals(List.of("default", "deploy", "dev", "keys", "my\\ team", "work"),
        sorted(bash(Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString()),
            "awsmfa --profile ", "awsmfa", "--profile", "")));
    // Neither file: nothing offered, and no error.
    assertEquals(List.of(), bash(Map.of("AWS_CONFIG_FILE", tmp.resolve("none").toString(),
        "AWS_SHARED_CREDENTIALS_FILE", tmp.resolve("none").toString()),
        "awsmfa --profile ", "awsmfa", "--profile", ""));
  }

  @Test
  void bashCompletionRunsNeitherJavaNorAwsmfa() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path ran = tmp.resolve("ran");
    for (String program : List.of("java", "awsmfa")) {
      Path fake = Files.writeString(bin.resolve(program),
          "#!/bin/sh\necho " + program + " >> '" + ran + "'\n");
      assertTrue(fake.toFile().setExecutable(true));
    }
    Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));
    assertEquals(PROFILES, sorted(bash(env, "awsmfa --profile ", "awsmfa", "--profile", "")));
    assertEquals(List.of(ALICE, BOB),
        bash(env, "awsmfa --serial-number ", "awsmfa", "--serial-number", ""));
    assertFalse(Files.exists(ran), "completion ran a program it must not run");
  }

  /** What _awsmfa offers for LINE, split into WORDS as bash splits it; the cursor at the end. */
  private List<String> bash(String line, String... words) throws Exception {
    return bash(Map.of(), line, words);
  }

  private List<String> bash(Map<String, String> extraEnv, String line, String... words)
      throws Exception {
    assumeTrue(onPath("bash"), "bash is not installed: skipping the bash completion runs");
    // bash sets COMP_WORDBREAKS itself, whatever the environment says: WORDBREAKS changes it.
    String script = "[ -z \"${WORDBREAKS+x}\" ] || COMP_WORDBREAKS=$WORDBREAKS\n"
        + "source \"$1\" || exit 9\n"
        + "COMP_LINE=$2\n"
        + "COMP_POINT=$3\n"
        + "shift 3\n"
        + "COMP_WORDS=(\"$@\")\n"
        + "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
        + "[ \"$(complete -p awsmfa)\" = 'complete -F _awsmfa awsmfa' ] || exit 8\n"
        + "_awsmfa\n"
        + "for reply in \"${COMPREPLY[@]}\"; do printf '%s\\n' \"$reply\"; done\n";
    List<String> command = new ArrayList<>(List.of("bash", "--norc", "--noprofile", "-c",
        script, "bash", BASH_SCRIPT.toString(), line, Integer.toString(line.length())));
    command.addAll(Arrays.asList(words));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", home.toString());
    env.putAll(extraEnv);
    Result result = run(command, env);
    assertEquals(0, result.exit(), line + ": " + result.stderr());
    assertEquals("", result.stderr(), line);
    return result.stdout().lines().collect(Collectors.toList());
  }

  // ---- zsh -----------------------------------------------------------------------------------

  @Test
  void theZshScriptIsValidZsh() throws Exception {
    assumeTrue(onPath("zsh"), "zsh is not installed: skipping the zsh checks");
    List<String> lines = Files.readAllLines(ZSH_SCRIPT);
    assertEquals("#compdef awsmfa", lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.contains("_arguments")), "uses _arguments");
    Result syntax = run(List.of("zsh", "-n", ZSH_SCRIPT.toString()), Map.of());
    assertEquals(0, syntax.exit(), syntax.stderr());
    assertEquals("", syntax.stdout() + syntax.stderr());
  }

  @Test
  void compinitFindsAndLoadsTheZshCompletion() throws Exception {
    assumeTrue(onPath("zsh"), "zsh is not installed: skipping the zsh checks");
    Result loaded = run(List.of("zsh", "-f", "-c",
        "fpath=(dist/completion $fpath); autoload -U compinit; compinit -u -D;"
            + " print -r -- $_comps[awsmfa]; autoload +X _awsmfa && print -r -- loaded"),
        Map.of("HOME", home.toString()));
    assertEquals(0, loaded.exit(), loaded.stderr());
    assertEquals("", loaded.stderr());
    assertEquals(List.of("_awsmfa", "loaded"), loaded.stdout().lines().collect(
        Collectors.toList()));
    // Sourced after compinit, as some ~/.zshrc do, it registers itself.
    Result sourced = run(List.of("zsh", "-f", "-c",
        "autoload -U compinit; compinit -u -D; source " + ZSH_SCRIPT
            + "; print -r -- $_comps[awsmfa]"),
        Map.of("HOME", home.toString()));
    assertEquals(0, sourced.exit(), sourced.stderr());
    assertEquals("", sourced.stderr());
    assertEquals("_awsmfa", sourced.stdout().strip());
  }

  /**
   * Types each line and a TAB into an interactive zsh (through zsh's own pseudo-terminal module),
   * then has zsh print the line as the completion left it.
   */
  @Test
  void zshCompletesFlagsProfilesAndValues() throws Exception {
    assumeTrue(onPath("zsh"), "zsh is not installed: skipping the zsh checks");
    Result zpty = run(List.of("zsh", "-f", "-c", "zmodload zsh/zpty"), Map.of());
    assumeTrue(zpty.exit() == 0, "zsh has no zsh/zpty module: skipping the typed completions");
    Map<String, String> typed = new LinkedHashMap<>();
    // zsh adds = after a flag that takes a value, and takes it back when the next key is not a
    // value (here ^A): so the line reads --profile.
    typed.put("awsmfa --pro", "awsmfa --profile");
    typed.put("awsmfa --profile=my", "awsmfa --profile=my team");
    typed.put("awsmfa --profile dep", "awsmfa --profile deploy");
    typed.put("awsmfa --mfa-profile-name wo", "awsmfa --mfa-profile-name work");
    typed.put("awsmfa --profile DEF", "awsmfa --profile DEF"); // [DEFAULT] is no profile
    typed.put("awsmfa --profile cor", "awsmfa --profile cor"); // nor [sso-session corp]
    typed.put("awsmfa --serial-number arn:aws:iam::123456789012:mfa/b",
        "awsmfa --serial-number " + BOB);
    typed.put("awsmfa --role-arn arn:aws:iam::123456789012:r", "awsmfa --role-arn " + DEPLOY_ROLE);
    typed.put("awsmfa --output e", "awsmfa --output env");
    typed.put("awsmfa --duration-seconds 12", "awsmfa --duration-seconds 129600");
    typed.put("awsmfa --region eu-c", "awsmfa --region eu-central-1");
    typed.put("awsmfa st", "awsmfa status");
    typed.put("awsmfa status --a", "awsmfa status --all");
    typed.put("awsmfa status --w", "awsmfa status --warn-within");
    typed.put("awsmfa status --output ", "awsmfa status --output json");
    typed.put("awsmfa status --fo", "awsmfa status --fo"); // --force is not a status flag
    typed.put("awsmfa --wa", "awsmfa --wa"); // --warn-within is only one
    String driver = "zmodload zsh/zpty\n"
        + "zpty z zsh -f -i\n"
        + "zpty -w z \"PS1='> '; fpath=(dist/completion \\$fpath); autoload -U compinit;"
        + " compinit -u -D\"\n"
        + "for line in \"$@\"; do\n"
        // TAB, then to the start of the line to make it a command that prints the line.
        + "  zpty -w -n z \"$line\"$'\\t\\C-aprint -r -- ${:-RES}ULT: \\C-e\\n'\n"
        + "done\n"
        + "zpty -w z exit\n"
        + "while zpty -r z chunk; do print -rn -- \"$chunk\"; done\n";
    List<String> command = new ArrayList<>(List.of("zsh", "-f", "-c", driver, "zsh"));
    command.addAll(typed.keySet());
    Result result = run(command, Map.of("HOME", home.toString()));
    List<String> completed = new ArrayList<>();
    Matcher m = Pattern.compile("RESULT: ([^\r\n]*)").matcher(result.stdout());
    while (m.find()) {
      completed.add(m.group(1).strip());
    }
    assertEquals(new ArrayList<>(typed.values()), completed, result.stdout());
  }

  // ---- both: every flag of --help --------------------------------------------------------------

  @Test
  void everyFlagOfEachCommandIsInBothScripts() throws Exception {
    String zsh = Files.readString(ZSH_SCRIPT);
    String bash = Files.readString(BASH_SCRIPT);
    List<String> missing = new ArrayList<>();
    for (Command<?> command : OptionTable.COMMANDS) {
      List<String> bashFlags = bashFlagList(bash, "_awsmfa_" + command.name() + "_flags");
      String zshSpecs = zshFlagList(zsh, command.name() + "_flags");
      List<String> flags = new ArrayList<>();
      command.options().forEach(flag -> flags.add("--" + flag.name()));
      OptionTable.GLOBAL.forEach(flag -> flags.add("--" + flag.name()));
      for (String flag : flags) {
        if (!bashFlags.contains(flag)) {
          missing.add(flag + " of " + command.name() + " (bash)");
        }
        // In a spec of _arguments: --flag[description], --flag=[description] or {-h,--flag}'[...
        if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(flag) + "(=?\\[|\\}'\\[)")
            .matcher(zshSpecs).find()) {
          missing.add(flag + " of " + command.name() + " (zsh)");
        }
      }
    }
    assertEquals(List.of(), missing, "flags of the option table that a completion does not offer");
  }

  /** The words of a list such as _awsmfa_status_flags, by its definition. */
  private static List<String> bashFlagList(String script, String list) {
    Matcher m = Pattern.compile("(?m)^" + list + "='([^']*)'").matcher(script);
    assertTrue(m.find(), list + " is not defined at the top of " + BASH_SCRIPT);
    return Arrays.asList(m.group(1).strip().split("\\s+"));
  }

  /** The specs of an array such as status_flags, by its definition. */
  private static String zshFlagList(String script, String array) {
    Matcher m = Pattern.compile("(?ms)^  " + array + "=\\((.*?)^  \\)$").matcher(script);
    assertTrue(m.find(), array + " is not defined in " + ZSH_SCRIPT);
    return m.group(1);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static List<String> sorted(List<String> words) {
    return words.stream().sorted().collect(Collectors.toList());
  }

  private record Result(int exit, String stdout, String stderr) {}

  /**
   * Runs COMMAND in the working directory (the repository) with the environment less the AWS
   * variables that would point the completion at other files, plus ENV; 60 seconds at most.
   */
  private static Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().putAll(env);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = builder.start();
    CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process, true));
    CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process, false));
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " took more than 60 seconds");
    }
    return new Result(process.exitValue(), stdout.get(10, TimeUnit.SECONDS),
        stderr.get(10, TimeUnit.SECONDS));
  }

  private static String read(Process process, boolean stdout) {
    try {
      return new String((stdout ? process.getInputStream() : process.getErrorStream())
          .readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
  }
}
