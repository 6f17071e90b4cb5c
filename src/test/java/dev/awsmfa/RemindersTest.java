package dev.awsmfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The session-expiry reminders in dist/reminders: the launchd agent, the systemd user units,
 * the crontab line and the script they all run, checked as far as this machine allows.
 */
class RemindersTest {
  private static final Path DIR = Path.of("dist/reminders");
  private static final Path SCRIPT = DIR.resolve("awsmfa-reminder.sh");
  private static final Path PLIST = DIR.resolve("dev.awsmfa.reminder.plist");
  private static final Path SERVICE = DIR.resolve("awsmfa-reminder.service");
  private static final Path TIMER = DIR.resolve("awsmfa-reminder.timer");
  private static final Path CRONTAB = DIR.resolve("crontab");
  /** Where the service's ExecStart= puts the script, below %h. */
  private static final String INSTALLED_SCRIPT = ".local/lib/awsmfa/reminders/awsmfa-reminder.sh";

  @TempDir Path tmp;

  // ---- launchd -------------------------------------------------------------------------------

  @Test
  void thePlistIsAWellFormedLaunchdAgent() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setValidating(false);
    factory.setNamespaceAware(false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setExpandEntityReferences(false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    // Never fetch anything: any external entity the parser still asks for is empty.
    builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
    builder.setErrorHandler(new ErrorHandler() {
      @Override public void warning(SAXParseException e) {
        // not a well-formedness error
      }

      @Override public void error(SAXParseException e) throws SAXParseException {
        throw e;
      }

      @Override public void fatalError(SAXParseException e) throws SAXParseException {
        throw e;
      }
    });
    Document document = builder.parse(PLIST.toFile()); // throws if the file is not well-formed

    assertEquals("plist", document.getDoctype().getName());
    assertEquals("-//Apple//DTD PLIST 1.0//EN", document.getDoctype().getPublicId());
    Element root = document.getDocumentElement();
    assertEquals("plist", root.getTagName());
    assertEquals("1.0", root.getAttribute("version"));
    List<Element> top = children(root);
    assertEquals(1, top.size(), "a plist holds one dict");
    Map<String, Element> agent = dict(top.get(0));

    assertEquals("dev.awsmfa.reminder", text(agent, "Label", "string"));
    assertEquals("1800", text(agent, "StartInterval", "integer"));
    assertEquals("true", agent.get("RunAtLoad").getTagName(), "RunAtLoad");
    Element arguments = agent.get("ProgramArguments");
    assertEquals("array", arguments.getTagName());
    List<String> argv = children(arguments).stream().map(e -> {
      assertEquals("string", e.getTagName());
      return e.getTextContent();
    }).collect(Collectors.toList());
    assertEquals("/bin/sh", argv.get(0), "ProgramArguments " + argv);
    String script = argv.get(argv.size() - 1);
    assertTrue(script.startsWith("/") && script.endsWith("/awsmfa-reminder.sh"),
        "ProgramArguments must end with the script's absolute path: " + argv);
  }

  @Test
  void thePlistPassesPlutilWhereItExists() throws Exception {
    assumeTrue(onPath("plutil"), "plutil (macOS only) is not installed: skipping plutil -lint");
    Result lint = run(List.of("plutil", "-lint", PLIST.toString()), null);
    assertEquals(0, lint.exit(), lint.stdout());
  }

  /** The dict's keys, in order, each with its value element; a repeated key fails. */
  private static Map<String, Element> dict(Element dict) {
    assertEquals("dict", dict.getTagName());
    List<Element> items = children(dict);
    assertEquals(0, items.size() % 2, "a dict alternates key and value");
    Map<String, Element> map = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i += 2) {
      assertEquals("key", items.get(i).getTagName());
      String key = items.get(i).getTextContent();
      assertEquals(null, map.put(key, items.get(i + 1)), "key " + key + " is repeated");
    }
    return map;
  }

  private static String text(Map<String, Element> dict, String key, String type) {
    Element value = dict.get(key);
    assertTrue(value != null, "the plist has no " + key);
    assertEquals(type, value.getTagName(), key);
    return value.getTextContent().strip();
  }

  private static List<Element> children(Element parent) {
    List<Element> elements = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE) {
        elements.add((Element) n);
      }
    }
    return elements;
  }

  // ---- systemd -------------------------------------------------------------------------------

  @Test
  void theSystemdUnitsAreAOneshotServiceAndAHalfHourlyTimer() throws IOException {
    String service = Files.readString(SERVICE);
    assertTrue(service.contains("\nType=oneshot\n"), service);
    assertTrue(service.contains("\nExecStart=%h/" + INSTALLED_SCRIPT + "\n"), service);
    assertTrue(service.contains(
        "systemctl --user import-environment DISPLAY DBUS_SESSION_BUS_ADDRESS"),
        "the service says how to give notify-send the desktop session");
    String timer = Files.readString(TIMER);
    for (String line
        : List.of("OnBootSec=5min", "OnUnitActiveSec=30min", "WantedBy=timers.target")) {
      assertTrue(timer.contains("\n" + line + "\n"), line + " in " + TIMER);
    }
    // A timer starts the service of its own name unless Unit= says otherwise.
    assertFalse(timer.contains("\nUnit="), "the timer starts awsmfa-reminder.service");
  }

  @Test
  void theSystemdUnitsPassSystemdAnalyzeVerify() throws Exception {
    assumeTrue(onPath("systemd-analyze"),
        "systemd-analyze is not installed: skipping the unit check");
    Path units = Files.createDirectories(tmp.resolve("units"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path runtime = Files.createDirectories(tmp.resolve("runtime"));
    Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
    // verify checks that ExecStart= names an executable, so put the script where %h points.
    Path installed = home.resolve(INSTALLED_SCRIPT);
    Files.createDirectories(installed.getParent());
    Files.copy(SCRIPT, installed);
    Files.setPosixFilePermissions(installed, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path service = Files.copy(SERVICE, units.resolve(SERVICE.getFileName()));
    Path timer = Files.copy(TIMER, units.resolve(TIMER.getFileName()));
    // A unit that is surely right: if even it fails, the failure is this environment's.
    Path probe = Files.writeString(units.resolve("awsmfa-probe.service"),
        "[Unit]\nDescription=probe\n\n[Service]\nType=oneshot\nExecStart=%h/" + INSTALLED_SCRIPT
            + "\n");
    Map<String, String> env = new LinkedHashMap<>(System.getenv());
    env.keySet().removeIf(name -> name.startsWith("SYSTEMD_"));
    env.put("HOME", home.toString());
    env.put("XDG_RUNTIME_DIR", runtime.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());

    // --user as these units are meant; it needs XDG_RUNTIME_DIR, not a running user manager.
    // Failing that, the system manager's rules, which read these units the same way.
    List<List<String>> modes = List.of(List.of("systemd-analyze", "verify", "--user"),
        List.of("systemd-analyze", "verify"));
    StringBuilder probeFailures = new StringBuilder();
    for (List<String> mode : modes) {
      Result probed = run(with(mode, probe.toString()), env);
      if (probed.exit() != 0) {
        probeFailures.append(String.join(" ", mode)).append(": ").append(probed.stdout().strip())
            .append('\n');
        continue;
      }
      Result verified = run(with(mode, service.toString(), timer.toString()), env);
      assertEquals(0, verified.exit(), String.join(" ", mode) + ":\n" + verified.stdout());
      // Unknown keys and bad values are only warnings, with exit status 0.
      Pattern warning = Pattern.compile("Unknown|ignoring|[Ff]ailed|not executable");
      List<String> warnings = verified.stdout().lines()
          .filter(line -> line.contains("awsmfa-reminder"))
          .filter(line -> warning.matcher(line).find())
          .collect(Collectors.toList());
      assertEquals(List.of(), warnings, String.join(" ", mode));
      return;
    }
    assumeTrue(false, "systemd-analyze verify cannot run here (no systemd?):\n" + probeFailures);
  }

  private static List<String> with(List<String> command, String... more) {
    List<String> all = new ArrayList<>(command);
    all.addAll(Arrays.asList(more));
    return all;
  }

  // ---- shellcheck and cron -------------------------------------------------------------------

  @Test
  void theReminderScriptPassesShellcheck() throws Exception {
    assumeTrue(onPath("shellcheck"), "shellcheck is not installed: skipping the script lint");
    Result lint = run(List.of("shellcheck", "-s", "sh", SCRIPT.toString()), null);
    assertEquals(0, lint.exit(), lint.stdout());
    assertEquals("", lint.stdout());
  }

  /** Schedule and command of each line that is not blank, a comment or a variable setting. */
  private static List<String[]> crontabEntries() throws IOException {
    Pattern entry = Pattern.compile("^\\s*(@\\w+|(?:\\S+\\s+){4}\\S+)\\s+(\\S.*)$");
    Pattern setting = Pattern.compile("^\\s*[A-Za-z_][A-Za-z0-9_]*\\s*=");
    List<String[]> entries = new ArrayList<>();
    for (String line : Files.readAllLines(CRONTAB)) {
      if (line.isBlank() || line.strip().startsWith("#") || setting.matcher(line).find()) {
        continue;
      }
      Matcher m = entry.matcher(line);
      assertTrue(m.matches(), "not a crontab entry: " + line);
      entries.add(new String[] {m.group(1), m.group(2)});
    }
    return entries;
  }

  @Test
  void theCrontabRunsTheReminderEveryHalfHour() throws IOException {
    List<String[]> entries = crontabEntries();
    assertEquals(1, entries.size(), "one crontab entry");
    String[] entry = entries.get(0);
    String[] schedule = entry[0].split("\\s+");
    assertEquals(5, schedule.length, entry[0]);
    assertEquals("*/30", schedule[0], "every 30 minutes");
    assertTrue(entry[1].contains("/awsmfa-reminder.sh"), entry[1]);
    // cron turns an unescaped % into a newline, which would cut the command short.
    assertFalse(entry[1].contains("%"), entry[1]);
  }

  @Test
  void theCrontabCommandsPassShellcheck() throws Exception {
    assumeTrue(onPath("shellcheck"), "shellcheck is not installed: skipping the crontab lint");
    List<String[]> entries = crontabEntries();
    assertFalse(entries.isEmpty(), "the crontab has no entry");
    for (String[] entry : entries) {
      Path file = Files.writeString(Files.createTempFile(tmp, "cron", ".sh"),
          "#!/bin/sh\n" + entry[1] + "\n");
      Result lint = run(List.of("shellcheck", "-s", "sh", file.toString()), null);
      assertEquals(0, lint.exit(), entry[1] + "\n" + lint.stdout());
    }
  }

  // ---- the script, with fake awsmfa, uname and notifiers ------------------------------------

  @Test
  void aValidSessionShowsNothing() throws Exception {
    for (String os : List.of("Linux", "Darwin")) {
      Reminder r = new Reminder(os, 0).run();
      assertEquals(0, r.exit, os);
      assertEquals(List.of(), r.calls("notify-send"), os);
      assertEquals(List.of(), r.calls("osascript"), os);
      assertEquals("", r.stdout + r.stderr, os);
    }
  }

  @Test
  void aSessionThatExpiresSoonIsShownOnceWithNotifySendOnLinux() throws Exception {
    Reminder r = new Reminder("Linux", 10).run();
    assertEquals(0, r.exit, r.stderr);
    List<String> calls = r.calls("notify-send");
    assertEquals(1, calls.size(), "one notification");
    assertTrue(calls.get(0).contains("expires"), calls.get(0));
    assertFalse(calls.get(0).contains("expired"), calls.get(0));
    assertTrue(calls.get(0).contains("awsmfa CODE"), calls.get(0));
    assertTrue(calls.get(0).contains(Reminder.STATUS_LINE), "says what awsmfa status said");
    assertEquals(List.of(), r.calls("osascript"));
    assertEquals("", r.stderr);
  }

  @Test
  void anExpiredSessionIsShownOnceWithNotifySendOnLinux() throws Exception {
    Reminder r = new Reminder("Linux", 11).run();
    assertEquals(0, r.exit, r.stderr);
    List<String> calls = r.calls("notify-send");
    assertEquals(1, calls.size(), "one notification");
    assertTrue(calls.get(0).contains("expired"), calls.get(0));
    assertTrue(calls.get(0).contains("awsmfa CODE"), calls.get(0));
    assertEquals(List.of(), r.calls("osascript"));
    assertEquals("", r.stderr);
  }

  @Test
  void onMacOsTheReminderIsShownWithOsascript() throws Exception {
    for (int status : new int[] {10, 11}) {
      Reminder r = new Reminder("Darwin", status).run();
      assertEquals(0, r.exit, r.stderr);
      List<String> calls = r.calls("osascript");
      assertEquals(1, calls.size(), "one notification for status " + status);
      assertTrue(calls.get(0).contains("display notification"), calls.get(0));
      assertTrue(calls.get(0).contains(status == 10 ? "expires soon" : "expired"), calls.get(0));
      assertEquals(List.of(), r.calls("notify-send"), "notify-send is there, but not for macOS");
      assertEquals("", r.stderr);
    }
  }

  @Test
  void withoutAWorkingNotifierTheReminderGoesToStderr() throws Exception {
    List<Reminder> reminders = List.of(
        new Reminder("Linux", 11).without("notify-send"),
        new Reminder("Linux", 11).env("FAKE_NOTIFIER_STATUS", "1"), // no D-Bus, as under cron
        new Reminder("Darwin", 11).without("osascript"),
        new Reminder("FreeBSD", 11).without("notify-send"));
    for (Reminder reminder : reminders) {
      Reminder r = reminder.run();
      assertEquals(0, r.exit, r.os + ": cron must not see a failure");
      assertTrue(r.stderr.contains("expired") && r.stderr.contains("awsmfa CODE"),
          r.os + ": " + r.stderr);
    }
  }

  @Test
  void anUnexpectedStatusIsPrintedAndPassedOn() throws Exception {
    for (int status : new int[] {3, 2}) {
      Reminder r = new Reminder("Linux", status)
          .env("FAKE_AWSMFA_ERROR", "awsmfa: cannot read /home/alice/.aws/credentials").run();
      assertEquals(status, r.exit, r.stderr);
      assertTrue(r.stderr.contains("awsmfa: cannot read /home/alice/.aws/credentials"), r.stderr);
      assertTrue(r.stderr.contains("exit status " + status), r.stderr);
      assertEquals(List.of(), r.calls("notify-send"));
    }
    Reminder missing = new Reminder("Linux", 0).without("awsmfa").run();
    assertEquals(127, missing.exit, "no awsmfa on PATH");
    assertTrue(missing.stderr.contains("exit status 127"), missing.stderr);
    assertEquals(List.of(), missing.calls("notify-send"));
  }

  @Test
  void itAsksAwsmfaStatusWithTheWarningWindow() throws Exception {
    assertEquals(List.of("status", "--warn-within", "2h"),
        new Reminder("Linux", 0).run().awsmfaArgs());
    assertEquals(List.of("status", "--warn-within", "45m", "--all"),
        new Reminder("Linux", 0).env("AWSMFA_WARN_WITHIN", "45m").run("--all").awsmfaArgs());
    // $AWSMFA names awsmfa where PATH does not reach.
    Reminder elsewhere = new Reminder("Linux", 10);
    Path moved = Files.createDirectories(elsewhere.root.resolve("elsewhere")).resolve("awsmfa");
    Files.move(elsewhere.bin.resolve("awsmfa"), moved);
    Reminder r = elsewhere.env("AWSMFA", moved.toString()).run();
    assertEquals(0, r.exit, r.stderr);
    assertEquals(List.of("status", "--warn-within", "2h"), r.awsmfaArgs());
    assertEquals(1, r.calls("notify-send").size());
  }

  /**
   * One run of the script with PATH holding only fakes: awsmfa (exits with FAKE_AWSMFA_STATUS
   * after printing a status line), uname (says FAKE_UNAME), and notify-send and osascript (each
   * call records its arguments in a file of its own, and exits with FAKE_NOTIFIER_STATUS). With
   * nothing else on PATH, this also checks that the script needs no other program.
   */
  private final class Reminder {
    static final String STATUS_LINE = "mfa: valid until 2026-11-23 21:00 +09:00 (1h 12m left)";
    final String os;
    final Path root;
    final Path bin;
    final Path log;
    final Map<String, String> env = new LinkedHashMap<>();
    int exit;
    String stdout;
    String stderr;

    Reminder(String os, int status) throws IOException {
      assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh: skipping the script's runs");
      this.os = os;
      root = Files.createTempDirectory(tmp, "reminder");
      bin = Files.createDirectories(root.resolve("bin"));
      log = Files.createDirectories(root.resolve("log"));
      fake("awsmfa", "printf '%s\\n' \"$@\" > \"$FAKE_LOG/awsmfa.args\"\n"
          + "echo \"$FAKE_AWSMFA_LINE\"\n"
          + "if [ -n \"$FAKE_AWSMFA_ERROR\" ]; then echo \"$FAKE_AWSMFA_ERROR\" >&2; fi\n"
          + "exit \"$FAKE_AWSMFA_STATUS\"\n");
      fake("uname", "echo \"$FAKE_UNAME\"\n");
      for (String notifier : List.of("notify-send", "osascript")) {
        fake(notifier, "n=0\n"
            + "while [ -e \"$FAKE_LOG/" + notifier + ".$n\" ]; do n=$((n + 1)); done\n"
            + "printf '%s\\n' \"$@\" > \"$FAKE_LOG/" + notifier + ".$n\"\n"
            + "exit \"${FAKE_NOTIFIER_STATUS:-0}\"\n");
      }
      env.put("PATH", bin.toString());
      env.put("HOME", root.toString());
      env.put("FAKE_LOG", log.toString());
      env.put("FAKE_UNAME", os);
      env.put("FAKE_AWSMFA_STATUS", String.valueOf(status));
      env.put("FAKE_AWSMFA_LINE", STATUS_LINE);
    }

    private void fake(String name, String body) throws IOException {
      Path file = Files.writeString(bin.resolve(name), "#!/bin/sh\n" + body);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    Reminder without(String program) throws IOException {
      Files.delete(bin.resolve(program));
      return this;
    }

    Reminder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    Reminder run(String... args) throws Exception {
      List<String> command = with(List.of("/bin/sh", SCRIPT.toAbsolutePath().toString()), args);
      Path out = root.resolve("stdout");
      Path err = root.resolve("stderr");
      ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      Process process = builder.start();
      assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the script did not finish");
      exit = process.exitValue();
      stdout = Files.readString(out);
      stderr = Files.readString(err);
      return this;
    }

    /** The arguments of each call of a fake notifier, one string per call. */
    List<String> calls(String notifier) throws IOException {
      List<String> calls = new ArrayList<>();
      for (int n = 0; Files.exists(log.resolve(notifier + "." + n)); n++) {
        calls.add(Files.readString(log.resolve(notifier + "." + n)));
      }
      return calls;
    }

    List<String> awsmfaArgs() throws IOException {
      return Files.readAllLines(log.resolve("awsmfa.args"));
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private record Result(int exit, String stdout) {}

  /** Runs a command with stderr joined to stdout; env null keeps this process's environment. */
  private Result run(List<String> command, Map<String, String> env) throws Exception {
    Path out = Files.createTempFile(tmp, "out", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(out.toFile());
    if (env != null) {
      builder.environment().clear();
      builder.environment().putAll(env);
    }
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  private static boolean onPath(String program) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
  }
}
