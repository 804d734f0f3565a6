package cn.cdcq.registry.chaincode.cases;

import cn.cdcq.registry.chaincode.credit.CreditLedger;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.json.Json;
import org.hyperledger.fabric.contract.Context;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The national working-day calendar (public holidays and adjusted working days, per year) and
 * the case deadlines in working days, on the ledger so both regions count deadlines the same way.
 * Both are changed only jointly: one region proposes, the other accepts ({@code settings}
 * contract); this contract reads what is in force.
 */
@Contract(name = "calendar", info = @Info(title = "Working-day calendar",
        description = "Holidays, adjusted working days and case deadlines", version = "1",
        contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class CalendarContract implements RegistryContract {

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getCalendar(Context ctx, String year) {
        int y = parseInt("year", year);
        return Json.write(new CaseLedger(new Ledger(ctx)).calendar(y).orElseThrow(() ->
                RegistryException.notFound("no working-day calendar for " + y)));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getCaseSettings(Context ctx) {
        return Json.write(new CaseLedger(new Ledger(ctx)).settings());
    }

    /** The {@code n}-th working day after {@code date}, as the chaincode computes deadlines. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String addWorkingDays(Context ctx, String date, String n) {
        LocalDate start = CreditLedger.checked(() -> IsoDate.parse("date", date));
        int days = parseInt("n", n);
        if (days < 1 || days > 366) {
            throw RegistryException.invalid("n is " + days + "; give 1 to 366 working days");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", start.toString());
        out.put("workingDays", days);
        out.put("date", new CaseLedger(new Ledger(ctx)).addWorkingDays(start, days).toString());
        return Json.write(out);
    }

    private static int parseInt(String field, String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            throw RegistryException.invalid(field + " '" + value + "' is not a whole number");
        }
    }
}
