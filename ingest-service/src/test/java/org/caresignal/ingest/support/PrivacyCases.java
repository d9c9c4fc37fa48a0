package org.caresignal.ingest.support;

import java.util.List;

/**
 * The redaction table: identifiers that must never leave the redactor, each with its kind, and
 * look-alikes that must stay as they are.
 */
public final class PrivacyCases {

    private PrivacyCases() {}

    /** A sentence, the identifier in it, and the placeholder that must replace it. */
    public record Identifier(String sentence, String identifier, String placeholder) {}

    public static final List<Identifier> IDENTIFIERS =
            List.of(
                    new Identifier("call me at (555) 123-4567 please", "(555) 123-4567", "[PHONE]"),
                    new Identifier("my cell is 555-123-4567.", "555-123-4567", "[PHONE]"),
                    new Identifier("text 555.123.4567 anytime", "555.123.4567", "[PHONE]"),
                    new Identifier("reach me on +1 555 123 4567", "+1 555 123 4567", "[PHONE]"),
                    new Identifier(
                            "hotline 1-800-555-0199 is useless", "1-800-555-0199", "[PHONE]"),
                    new Identifier("UK office +44 20 7946 0958", "+44 20 7946 0958", "[PHONE]"),
                    new Identifier("phone 5551234567 now", "5551234567", "[PHONE]"),
                    new Identifier("call the desk at 555-0199", "555-0199", "[PHONE]"),
                    new Identifier("call 415 5550100 today", "415 5550100", "[PHONE]"),
                    new Identifier("ring 020 7946 0958 tomorrow", "020 7946 0958", "[PHONE]"),
                    new Identifier("(415) 555-0100 is the desk", "(415) 555-0100", "[PHONE]"),
                    new Identifier("she said:(415) 555-0100", "(415) 555-0100", "[PHONE]"),
                    new Identifier(
                            "email jane.doe+er@example.com", "jane.doe+er@example.com", "[EMAIL]"),
                    new Identifier(
                            "JOHN.SMITH@HOSPITAL.ORG replied",
                            "JOHN.SMITH@HOSPITAL.ORG",
                            "[EMAIL]"),
                    new Identifier("my MRN 12345678 was wrong", "12345678", "[MRN]"),
                    new Identifier("MRN: A1234567 on the bracelet", "A1234567", "[MRN]"),
                    new Identifier("medical record number is 00123456", "00123456", "[MRN]"),
                    new Identifier("patient ID 7788990 in the letter", "7788990", "[MRN]"),
                    new Identifier(
                            "account number 1234567890 was billed twice",
                            "1234567890",
                            "[ACCOUNT]"),
                    new Identifier("acct #98765432 again", "98765432", "[ACCOUNT]"),
                    new Identifier("policy no. XYZ-123456 denied", "XYZ-123456", "[ACCOUNT]"),
                    new Identifier(
                            "card 4111 1111 1111 1111 charged", "4111 1111 1111 1111", "[ACCOUNT]"),
                    new Identifier("SSN 123-45-6789 on a form", "123-45-6789", "[SSN]"),
                    new Identifier("DOB 04/12/1985 printed on it", "04/12/1985", "[DOB]"),
                    new Identifier(
                            "born on March 3, 1990 in this hospital", "March 3, 1990", "[DOB]"),
                    new Identifier("date of birth: 1985-04-12", "1985-04-12", "[DOB]"),
                    new Identifier("I live at 123 Main Street and", "123 Main Street", "[ADDRESS]"),
                    new Identifier(
                            "send it to 42 W. Elm Ave., Apt 5 today",
                            "42 W. Elm Ave., Apt 5",
                            "[ADDRESS]"),
                    new Identifier("near 7 Oak Ridge Rd", "7 Oak Ridge Rd", "[ADDRESS]"));

    /** Text with numbers that are not identifiers and must be kept exactly. */
    public static final List<String> KEPT =
            List.of(
                    "Best hospital of 2024!",
                    "Parking costs $1,299.99 a year, or \u20ac25 a day",
                    "I was in Room 4120 on the 5th floor",
                    "room 512-B was cold",
                    "#Ward5551234567 and #COVID19 and #5551234567",
                    "Waited 6 hours, 24/7 chaos, rated 3.5 stars, 95% full",
                    "Visited on 2024-06-01 at 10:30, again 06/02",
                    "1,000,000 thanks to ICD-10 and COVID-19 staff",
                    "zip 62701, version v1.2.3, flight UA 1234",
                    "see https://news.example/2024/05/5551234567-story",
                    "@alice@other.example and @bob.bsky.social said hi",
                    "we waited 3 hours on Main St because of traffic",
                    "2023-2024 season, years 1999 and 2000",
                    "A 450-bed hospital, 1,200 beds in all, 12 ICU beds",
                    "admitted 12/03/2024, home 2024-06-03, seen 03.12.2024 and 3 March 2024",
                    "from $1,299 to 1299.99, or 25.50 a day in 2023",
                    "In 1999, 2000 and 2024 it had 120 beds and 4120 staff");
}
