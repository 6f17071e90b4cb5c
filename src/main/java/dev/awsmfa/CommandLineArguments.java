package dev.awsmfa;

import java.util.Optional;

/** The command line as given, before any value is checked. */
record CommandLineArguments(
    boolean status,
    Optional<String> serialNumber,
    Optional<String> tokenCode,
    Optional<String> durationSeconds,
    Optional<String> profile,
    Optional<String> mfaProfileName,
    Optional<String> region,
    Optional<String> endpointUrl,
    Optional<String> mfaProcess,
    Optional<String> minRemaining,
    boolean force,
    Optional<String> output,
    boolean noWrite,
    Optional<String> connectTimeout,
    Optional<String> readTimeout,
    Optional<String> roleArn,
    Optional<String> roleSessionName,
    Optional<String> externalId,
    boolean all,
    Optional<String> warnWithin,
    boolean quiet,
    boolean debug,
    boolean help,
    boolean version) {}
