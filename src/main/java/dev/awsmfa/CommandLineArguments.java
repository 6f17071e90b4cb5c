package dev.awsmfa;

import java.util.Optional;

/** The command line as given, before any value is checked. */
record CommandLineArguments(
    Optional<String> serialNumber,
    Optional<String> tokenCode,
    Optional<String> durationSeconds,
    Optional<String> profile,
    Optional<String> mfaProfileName,
    Optional<String> region,
    Optional<String> endpointUrl,
    boolean quiet,
    boolean debug,
    boolean help,
    boolean version) {}
