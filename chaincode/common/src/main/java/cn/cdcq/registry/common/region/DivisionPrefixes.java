package cn.cdcq.registry.common.region;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.Uscc;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which administrative divisions a region covers, as prefixes of the 6-digit division code
 * (GB/T 2260): "51" is all of Sichuan, "5101" Chengdu, "50" Chongqing. A USCC carries the
 * division of its registering authority in characters 3-8, so its region follows from the code
 * itself, and a certificate number's 2-digit province code from the same prefixes.
 */
public final class DivisionPrefixes {

    public static final String INVALID_DIVISIONS = "INVALID_DIVISIONS";

    private static final Pattern PREFIX = Pattern.compile("^[0-9]{2,6}$");

    private DivisionPrefixes() {
    }

    /** The prefixes, sorted and without duplicates; each 2 to 6 digits; at least one; none inside another. */
    public static List<String> validate(List<String> prefixes) {
        if (prefixes == null || prefixes.isEmpty()) {
            throw new InvalidInputException(INVALID_DIVISIONS, "divisionPrefixes is empty; give the leading digits "
                    + "of the division codes the region covers, e.g. 51 for Sichuan or 50 for Chongqing");
        }
        TreeSet<String> out = new TreeSet<>();
        for (int i = 0; i < prefixes.size(); i++) {
            String p = prefixes.get(i) == null ? "" : prefixes.get(i).strip();
            if (!PREFIX.matcher(p).matches()) {
                throw new InvalidInputException(INVALID_DIVISIONS, "divisionPrefixes[" + i + "] '" + prefixes.get(i)
                        + "' is not 2 to 6 digits of a division code (GB/T 2260), e.g. 51 or 5101");
            }
            out.add(p);
        }
        for (String a : out) {
            for (String b : out) {
                if (!a.equals(b) && b.startsWith(a)) {
                    throw new InvalidInputException(INVALID_DIVISIONS, "divisionPrefixes " + b + " is inside " + a
                            + "; give " + a + " alone");
                }
            }
        }
        return List.copyOf(out);
    }

    /** Characters 3-8 of a valid USCC: the division code of the authority that registered it. */
    public static String divisionOf(String uscc) {
        return Uscc.validate(uscc).substring(2, 8);
    }

    /** Whether a division code (or a certificate number's 2-digit province code) falls under a prefix. */
    public static boolean covers(List<String> prefixes, String code) {
        if (prefixes == null) {
            return false;
        }
        for (String p : prefixes) {
            if (code.length() >= p.length() ? code.startsWith(p) : p.startsWith(code)) {
                return true;
            }
        }
        return false;
    }

    /** Whether two regions' prefixes overlap (one division would belong to both). */
    public static Optional<String> overlap(List<String> a, List<String> b) {
        for (String p : a) {
            for (String q : b == null ? List.<String>of() : b) {
                if (p.startsWith(q) || q.startsWith(p)) {
                    return Optional.of(p + "/" + q);
                }
            }
        }
        return Optional.empty();
    }
}
