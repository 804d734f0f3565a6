package cn.cdcq.registry.common.credit;

import cn.cdcq.registry.common.InvalidInputException;

import java.util.List;
import java.util.TreeSet;

/**
 * A bureau's request to put an enterprise on the wage-arrears blacklist (MOHRSS Order 45) for
 * one of the wage-arrears violations its region recorded. The amount owed and the mass-incident
 * flag come from that violation on the ledger, and the amount threshold from the region's
 * standard on the ledger ({@code settings:setWageArrearsThreshold}), not from here.
 *
 * @param violationId                 the wage-arrears violation the listing rests on
 * @param orderIgnored                the enterprise ignored the order to pay
 * @param responsiblePersonPseudonyms the legal representative and others responsible, by pseudonym only
 */
public record ListingInput(String violationId, boolean orderIgnored,
                           List<String> responsiblePersonPseudonyms) {

    public ListingInput {
        violationId = CreditInputs.text("violationId", violationId, 128);
        List<String> given = responsiblePersonPseudonyms == null ? List.of() : responsiblePersonPseudonyms;
        TreeSet<String> pseudonyms = new TreeSet<>();
        for (int i = 0; i < given.size(); i++) {
            pseudonyms.add(CreditInputs.pseudonym("responsiblePersonPseudonyms[" + i + "]", given.get(i)));
        }
        if (pseudonyms.size() > 20) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, "at most 20 responsible persons per listing");
        }
        responsiblePersonPseudonyms = List.copyOf(pseudonyms);
    }
}
