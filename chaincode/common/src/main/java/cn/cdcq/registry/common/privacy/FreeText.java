package cn.cdcq.registry.common.privacy;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.ResidentIdNumber;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps personal data out of the free text that reaches the ledger (reasons, notes, names):
 * world state and blocks are replicated to every region and never forgotten, so a resident ID
 * number or a mobile number typed into a reason would be there for good. Such details belong in
 * the case file; the ledger takes a reason code and the document's hash.
 *
 * <p>Refused: an 18-character resident ID number with a correct check character, and a mainland
 * mobile number (11 digits starting 13 to 19, also written 3-4-4 with spaces or hyphens, with
 * or without +86), each not part of a longer run of digits. Names cannot be told from other
 * words reliably and are not checked here; the reason codes exist so that names are never needed.
 */
public final class FreeText {

    /** Free text that holds what looks like personal data. */
    public static final String PERSONAL_DATA = "PERSONAL_DATA";

    private static final Pattern ID_CANDIDATE = Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile(
            "(?<![0-9])(?:\\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])");

    private FreeText() {
    }

    /** {@code text} unchanged, or a {@value #PERSONAL_DATA} error naming the field and where the data starts. */
    public static String requireNoPersonalData(String field, String text) {
        if (text == null) {
            return null;
        }
        Matcher id = ID_CANDIDATE.matcher(text);
        while (id.find()) {
            if (ResidentIdNumber.isValid(id.group())) {
                throw new InvalidInputException(PERSONAL_DATA, field + " holds a resident ID number at character "
                        + (id.start() + 1) + "; personal data never goes on the ledger: keep it in the case file, "
                        + "choose a reason code and give the document's hash");
            }
        }
        Matcher mobile = MOBILE.matcher(text);
        if (mobile.find()) {
            throw new InvalidInputException(PERSONAL_DATA, field + " holds a mobile number at character "
                    + (mobile.start() + 1) + "; personal data never goes on the ledger: keep it in the case file");
        }
        return text;
    }
}
