package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.format.Uscc;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a bureau submits to accredit a training/evaluation center of its region, or to amend an
 * accreditation (new scopes or a new validity window).
 *
 * @param centerId  the center's unified social credit code (GB 32100-2015)
 * @param name      the center's registered name
 * @param scopes    occupations and the highest level it may certify in each, at most {@value #MAX_SCOPES}
 * @param validFrom first day it may issue, yyyy-MM-dd
 * @param validTo   last day it may issue, yyyy-MM-dd
 */
public record AccreditationRequest(String centerId, String name, List<AccreditationScope> scopes, String validFrom,
                                   String validTo) {

    public static final int MAX_SCOPES = 500;
    public static final int MAX_NAME_LENGTH = 200;

    /** The request with its center id and name normalized, or an {@link InvalidInputException} saying what is wrong. */
    public AccreditationRequest validate() {
        String uscc = Uscc.validate(centerId);
        String cleanName = Fields.requireText("center name", name, MAX_NAME_LENGTH);
        if (scopes == null || scopes.isEmpty()) {
            throw new InvalidInputException(InvalidInputException.INVALID_OCCUPATION,
                    "the accreditation lists no occupation; give at least one scope (occupation and highest level)");
        }
        if (scopes.size() > MAX_SCOPES) {
            throw new InvalidInputException(InvalidInputException.INVALID_OCCUPATION, "the accreditation lists "
                    + scopes.size() + " occupations; at most " + MAX_SCOPES + " are allowed");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < scopes.size(); i++) {
            AccreditationScope scope = scopes.get(i);
            if (scope == null) {
                throw new InvalidInputException(InvalidInputException.INVALID_OCCUPATION, "scope " + i + " is empty");
            }
            scope.validate();
            if (!seen.add(scope.credentialKind() + " " + scope.occupation())) {
                throw new InvalidInputException(InvalidInputException.INVALID_OCCUPATION, "occupation "
                        + scope.occupation() + " is listed twice for " + scope.credentialKind().englishName()
                        + "s; give each occupation once per kind with its highest level");
            }
        }
        LocalDate from = IsoDate.parse("validFrom", validFrom);
        LocalDate to = IsoDate.parse("validTo", validTo);
        if (to.isBefore(from)) {
            throw new InvalidInputException(InvalidInputException.INVALID_DATE, "validTo " + to
                    + " is before validFrom " + from + "; the validity window must not be empty");
        }
        return new AccreditationRequest(uscc, cleanName, List.copyOf(scopes), from.toString(), to.toString());
    }
}
