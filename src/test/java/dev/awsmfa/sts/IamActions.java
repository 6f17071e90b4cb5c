package dev.awsmfa.sts;

import dev.awsmfa.sts.StsStandIn.Answer;
import dev.awsmfa.sts.StsStandIn.Caller;
import dev.awsmfa.sts.StsStandIn.Key;
import dev.awsmfa.sts.StsStandIn.User;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IAM actions that awsmfa calls, as IAM answers them over the Query protocol (version
 * 2010-05-08), under AWS's usual "MFA required" policy: without an MFA session a user may only
 * list its own MFA devices and read itself, and a user may manage only its own keys.
 */
final class IamActions {
  static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";
  /** What the "MFA required" policy allows without MFA. */
  private static final Set<String> WITHOUT_MFA = Set.of("ListMFADevices", "GetUser");

  private final StsStandIn sts;

  IamActions(StsStandIn sts) {
    this.sts = sts;
  }

  Answer answer(Caller caller, Map<String, String> form, String requestId) {
    String action = form.getOrDefault("Action", "");
    if (!"2010-05-08".equals(form.get("Version"))) {
      return error(400, "InvalidAction", "Could not find operation " + action + " for version "
          + form.get("Version"), requestId);
    }
    User self = caller.user();
    if (self == null) {
      return error(403, "AccessDenied", "User: " + caller.session().arn() + " is not authorized"
          + " to perform: iam:" + action, requestId);
    }
    String userName = form.getOrDefault("UserName", self.name());
    boolean mfa = caller.session() != null && caller.session().mfa();
    if (!WITHOUT_MFA.contains(action) && !mfa || !userName.equals(self.name())) {
      return error(403, "AccessDenied", "User: " + self.arn() + " is not authorized to perform:"
          + " iam:" + action + " on resource: user " + userName + " with an explicit deny in an"
          + " identity-based policy", requestId);
    }
    if (sts.user(userName) == null) {
      return error(404, "NoSuchEntity", "The user with name " + userName + " cannot be found.",
          requestId);
    }
    switch (action) {
      case "GetUser":
        return ok(action, "<User><Path>/</Path><UserName>" + userName + "</UserName><UserId>AIDA"
            + userName.toUpperCase(java.util.Locale.ROOT) + "</UserId><Arn>" + self.arn()
            + "</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate></User>", requestId);
      case "ListMFADevices": {
        StringBuilder members = new StringBuilder("<MFADevices>");
        for (String serial : sts.devices(userName)) {
          members.append("<member><UserName>").append(userName).append("</UserName><SerialNumber>")
              .append(serial).append("</SerialNumber><EnableDate>2024-01-01T00:00:00Z"
                  + "</EnableDate></member>");
        }
        return ok(action, members + "</MFADevices><IsTruncated>false</IsTruncated>", requestId);
      }
      case "ListAccessKeys": {
        StringBuilder members = new StringBuilder("<AccessKeyMetadata>");
        for (Key key : keysOf(userName)) {
          members.append("<member><UserName>").append(userName).append("</UserName><AccessKeyId>")
              .append(key.id).append("</AccessKeyId><Status>")
              .append(key.active ? "Active" : "Inactive").append("</Status><CreateDate>")
              .append(time(key.created)).append("</CreateDate></member>");
        }
        return ok(action, members + "</AccessKeyMetadata><IsTruncated>false</IsTruncated>",
            requestId);
      }
      case "GetAccessKeyLastUsed": {
        Key key = sts.keys().get(form.getOrDefault("AccessKeyId", ""));
        if (key == null || !key.userName.equals(userName)) {
          return error(404, "NoSuchEntity", "The Access Key with id "
              + form.get("AccessKeyId") + " cannot be found.", requestId);
        }
        String used = key.lastUsed == null ? "<ServiceName>N/A</ServiceName><Region>N/A</Region>"
            : "<LastUsedDate>" + time(key.lastUsed) + "</LastUsedDate><ServiceName>sts"
                + "</ServiceName><Region>us-east-1</Region>";
        return ok(action, "<UserName>" + userName + "</UserName><AccessKeyLastUsed>" + used
            + "</AccessKeyLastUsed>", requestId);
      }
      case "CreateAccessKey": {
        if (keysOf(userName).size() >= 2) {
          return error(409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2",
              requestId);
        }
        Key key = sts.newKey(userName);
        return ok(action, "<AccessKey><UserName>" + userName + "</UserName><AccessKeyId>" + key.id
            + "</AccessKeyId><Status>Active</Status><SecretAccessKey>" + key.secret
            + "</SecretAccessKey><CreateDate>" + time(key.created) + "</CreateDate></AccessKey>",
            requestId);
      }
      case "UpdateAccessKey":
      case "DeleteAccessKey": {
        Key key = sts.keys().get(form.getOrDefault("AccessKeyId", ""));
        if (key == null || !key.userName.equals(userName)) {
          return error(404, "NoSuchEntity", "The Access Key with id "
              + form.get("AccessKeyId") + " cannot be found.", requestId);
        }
        if (action.equals("DeleteAccessKey")) {
          sts.keys().remove(key.id);
        } else {
          String status = form.getOrDefault("Status", "");
          if (!status.equals("Active") && !status.equals("Inactive")) {
            return error(400, "ValidationError", "1 validation error detected: Value '" + status
                + "' at 'status' failed to satisfy constraint: Member must satisfy enum value"
                + " set: [Active, Inactive]", requestId);
          }
          key.active = status.equals("Active");
        }
        return ok(action, "", requestId);
      }
      default:
        return error(400, "InvalidAction", "Could not find operation " + action
            + " for version 2010-05-08", requestId);
    }
  }

  private List<Key> keysOf(String userName) {
    return sts.keys().values().stream().filter(k -> k.userName.equals(userName))
        .sorted(Comparator.comparing(k -> k.created)).toList();
  }

  private static String time(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  private static Answer ok(String action, String result, String requestId) {
    String xml = "<" + action + "Response xmlns=\"" + NS + "\">\n"
        + (result.isEmpty() ? "" : "  <" + action + "Result>" + result + "</" + action
            + "Result>\n")
        + "  <ResponseMetadata>\n    <RequestId>" + requestId + "</RequestId>\n"
        + "  </ResponseMetadata>\n"
        + "</" + action + "Response>\n";
    return new Answer(200, xml, "", requestId);
  }

  private static Answer error(int status, String code, String message, String requestId) {
    return StsStandIn.error(status, "Sender", code, message, requestId, NS);
  }
}
