package cn.cdcq.registry.chaincode.cases;

import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.cases.CalendarTransactions;
import cn.cdcq.registry.common.json.Json;
import org.hyperledger.fabric.contract.Context;
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
@Contract(name = CalendarTransactions.CONTRACT, info = @Info(title = "Working-day calendar",
        description = "Holidays, adjusted working days and case deadlines", version = "1",
        contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class CalendarContract implements RegistryContract {

    @Transaction(name = CalendarTransactions.GET_CALENDAR, intent = Transaction.TYPE.EVALUATE)
    public String getCalendar(Context ctx, String year) {
        int y = Arguments.wholeNumber("year", year);
        return Json.write(new CaseLedger(new Ledger(ctx)).calendar(y).orElseThrow(() ->
                RegistryException.notFound("no working-day calendar for " + y)));
    }

    @Transaction(name = CalendarTransactions.GET_CASE_SETTINGS, intent = Transaction.TYPE.EVALUATE)
    public String getCaseSettings(Context ctx) {
        return Json.write(new CaseLedger(new Ledger(ctx)).settings());
    }

    /** The {@code n}-th working day after {@code date}, as the chaincode computes deadlines. */
    @Transaction(name = CalendarTransactions.ADD_WORKING_DAYS, intent = Transaction.TYPE.EVALUATE)
    public String addWorkingDays(Context ctx, String date, String n) {
        LocalDate start = Arguments.date("date", date);
        int days = Arguments.wholeNumber("n", n);
        if (days < 1 || days > 366) {
            throw RegistryException.invalid("n is " + days + "; give 1 to 366 working days");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", start.toString());
        out.put("workingDays", days);
        out.put("date", new CaseLedger(new Ledger(ctx)).addWorkingDays(start, days).toString());
        return Json.write(out);
    }
}
