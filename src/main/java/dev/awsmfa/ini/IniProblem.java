package dev.awsmfa.ini;

/**
 * Something in a file that makes the AWS CLI refuse to read it.
 *
 * @param line the line number, counting from 1
 * @param message what is wrong, as a sentence fragment without the file name
 */
public record IniProblem(int line, String message) {}
