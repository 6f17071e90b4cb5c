package dev.awsmfa.cli;

import java.util.ArrayList;
import java.util.List;

/** The {@code --help} of each command, made from its rows of the option table. */
final class HelpText {
  private static final int WIDTH = 80;
  private static final int COLUMN = 30;

  private HelpText() {}

  /** The help of {@code command}; the default command's also names the other commands. */
  static String of(Command<?> command) {
    boolean main = command == OptionTable.COMMANDS.get(0);
    StringBuilder help = new StringBuilder();
    String lead = "Usage: ";
    List<String> usage = new ArrayList<>(command.usage());
    if (main) {
      OptionTable.COMMANDS.stream().skip(1).forEach(c -> usage.add(c.usage().get(0)));
      usage.add("help [COMMAND]");
    }
    for (String line : usage) {
      help.append(lead).append("awsmfa ").append(line).append('\n');
      lead = " ".repeat(lead.length());
    }
    help.append('\n').append(command.about()).append("\n\nOptions:\n");
    for (Flag<?> option : command.options()) {
      row(help, "  " + option.synopsis(), option.help());
    }
    for (Flag<?> option : OptionTable.GLOBAL) {
      row(help, "  " + option.synopsis(), option.help());
    }
    if (main) {
      help.append("\nCommands:\n");
      for (Command<?> other : OptionTable.COMMANDS.subList(1, OptionTable.COMMANDS.size())) {
        row(help, "  " + other.name(), other.summary() + " (see awsmfa " + other.name()
            + " --help)");
      }
    }
    return help.append('\n').append(command.footer()).toString();
  }

  /** One option: its synopsis, then its help wrapped in the second column. */
  private static void row(StringBuilder help, String synopsis, String text) {
    StringBuilder line = new StringBuilder(synopsis);
    if (synopsis.length() > COLUMN - 2) {
      help.append(line).append('\n');
      line.setLength(0);
    }
    for (String word : text.split(" ")) {
      if (line.length() > COLUMN && line.length() + 1 + word.length() > WIDTH) {
        help.append(line).append('\n');
        line.setLength(0);
      }
      if (line.length() < COLUMN) {
        line.append(" ".repeat(COLUMN - line.length()));
      } else {
        line.append(' ');
      }
      line.append(word);
    }
    help.append(line).append('\n');
  }
}
