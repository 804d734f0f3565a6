package cn.cdcq.registry.client.api;

import cn.cdcq.registry.common.cases.AssistRequest;
import cn.cdcq.registry.common.cases.CaseSettings;
import cn.cdcq.registry.common.cases.Complaint;
import cn.cdcq.registry.common.cases.CreditRepair;
import cn.cdcq.registry.common.cases.Objection;
import cn.cdcq.registry.common.cases.ComplaintCategory;
import cn.cdcq.registry.common.certificate.AccreditationRequest;
import cn.cdcq.registry.common.certificate.CenterCertificatePage;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.ReasonCodes;
import cn.cdcq.registry.common.certificate.SubsidyClaimRequest;
import cn.cdcq.registry.common.credential.Vocabulary;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.EnterpriseKind;
import cn.cdcq.registry.common.credit.SpotCheckRequest;
import cn.cdcq.registry.common.credit.SpotCheckResult;
import cn.cdcq.registry.common.credit.SpotCheckWeights;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.json.CanonicalJson;
import cn.cdcq.registry.common.format.CredentialKind;
import cn.cdcq.registry.common.merkle.MerkleTree;
import cn.cdcq.registry.common.report.PlatformReport;
import cn.cdcq.registry.common.report.PlatformReportInput;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes into the OpenAPI document (/v3/api-docs) the constraints the service enforces on each
 * request value: pattern, length, enum, range and which fields are required, so that a client
 * generated from the document, or a schema-driven test generator, sends what the service
 * accepts. The values come from the code that enforces them: the patterns of {@link ApiFormats}
 * (checked against registry-common's validators), the enums and limits of registry-common's
 * records and of {@link ReasonCodes}. One table per kind of place: a body field is looked up as
 * {@code Schema.property}, then by its name alone; a path or query parameter as
 * {@code path name}, then by its name alone.
 */
@Component
public class ApiConstraints implements OpenApiCustomizer {

    /**
     * One value's constraint (null: not constrained). {@code mandatory} marks a body field the
     * service refuses when it is absent.
     */
    public record Rule(String type, String format, String pattern, Integer minLength, Integer maxLength, List<String> allowed,
                       Long minimum, Long maximum, Object example, boolean mandatory, Rule items, Integer minItems,
                       Integer maxItems) {

        Rule required() {
            return new Rule(type, format, pattern, minLength, maxLength, allowed, minimum, maximum, example, true, items,
                    minItems, maxItems);
        }

        Rule optional() {
            return new Rule(type, format, pattern, minLength, maxLength, allowed, minimum, maximum, example, false, items,
                    minItems, maxItems);
        }

        Rule example(Object value) {
            return new Rule(type, format, pattern, minLength, maxLength, allowed, minimum, maximum, value, mandatory, items,
                    minItems, maxItems);
        }

        Rule items(int min, Integer max) {
            return new Rule("array", null, null, null, null, null, null, null, null, mandatory, this.optional(), min, max);
        }
    }

    static Rule pattern(String pattern) {
        return new Rule("string", null, pattern, null, null, null, null, null, null, false, null, null, null);
    }

    static Rule formatted(String pattern, String format, Object example) {
        return new Rule("string", format, pattern, null, null, null, null, null, example, false, null, null, null);
    }

    static Rule text(int max) {
        return new Rule("string", null, ApiFormats.TEXT, 1, max, null, null, null, null, false, null, null, null);
    }

    static Rule oneOf(List<String> values) {
        return new Rule("string", null, null, null, null, List.copyOf(values), null, null, null, false, null, null, null);
    }

    static Rule oneOf(Class<? extends Enum<?>> type) {
        return oneOf(Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    static Rule integer(long min, long max) {
        return new Rule("integer", null, null, null, null, null, min, max, null, false, null, null, null);
    }

    static final Rule USCC = formatted(ApiFormats.USCC, ApiFormats.USCC_FORMAT, ApiFormats.USCC_EXAMPLE);
    static final Rule CERTIFICATE_NUMBER = pattern(ApiFormats.CERTIFICATE_NUMBER).example(ApiFormats.CERTIFICATE_NUMBER_EXAMPLE);
    static final Rule REGION = pattern(ApiFormats.REGION).example("CD");
    static final Rule DATE = formatted(ApiFormats.DATE, "date", "2026-03-15");
    static final Rule SHA256 = pattern(ApiFormats.SHA256_HEX);
    static final Rule LEDGER_ID = pattern(ApiFormats.LEDGER_ID);
    static final Rule OCCUPATION = pattern(ApiFormats.OCCUPATION).example("4-04-05-01");
    /** A level of any credential kind: 0 for a special vocational ability, 1 to 5 otherwise. */
    static final Rule LEVEL = integer(0, CredentialKind.LOWEST_LEVEL);
    static final Rule YEAR = integer(ApiFormats.YEAR_MIN, ApiFormats.YEAR_MAX);
    static final Rule REASON = text(ApiFormats.TEXT_MAX);
    static final Rule HOLDER_NAME = text(ApiFormats.HOLDER_NAME_MAX);
    static final Rule RESIDENT_ID = formatted(ApiFormats.RESIDENT_ID, ApiFormats.RESIDENT_ID_FORMAT, ApiFormats.RESIDENT_ID_EXAMPLE);
    static final Rule HOLDER_SALT = pattern(ApiFormats.HOLDER_SALT);
    static final Rule INSPECTOR_ID = pattern(ApiFormats.INSPECTOR_ID).example("CD-INS-0003");
    static final Rule PERIOD = pattern(ApiFormats.PERIOD).example("2026-H1");
    static final Rule CASE_DAYS = integer(CaseSettings.MIN_WORKING_DAYS, CaseSettings.MAX_WORKING_DAYS).required();
    static final Rule WEIGHT = integer(1, SpotCheckWeights.MAX_WEIGHT).required();
    static final Rule REPORT_PERIOD = pattern(ApiFormats.REPORT_PERIOD).example("2026-Q3");
    static final Rule REPORT_COUNT = integer(0, PlatformReportInput.MAX_COUNT).required();

    /** A list whose items are a schema of their own (a $ref), of at most {@code max} items. */
    static Rule list(int max) {
        return new Rule("array", null, null, null, null, null, null, null, null, true, null, 0, max);
    }

    /** A body field by its name, in any schema (unless {@link #PROPERTIES} says otherwise). */
    static final Map<String, Rule> PROPERTY_NAMES = Map.ofEntries(
            Map.entry("uscc", USCC.required()), Map.entry("employerUscc", USCC.required()),
            Map.entry("centerId", USCC.required()),
            Map.entry("certificateNumber", CERTIFICATE_NUMBER.required()),
            Map.entry("registerRegion", REGION.required()), Map.entry("toRegion", REGION.required()),
            Map.entry("fromRegion", REGION.required()), Map.entry("targetRegion", REGION.required()),
            Map.entry("decisionDocumentHash", SHA256.required()), Map.entry("reportDocumentHash", SHA256.required()),
            Map.entry("requestDocumentHash", SHA256.required()), Map.entry("answerDocumentHash", SHA256.required()),
            Map.entry("findingsDocumentHash", SHA256.required()), Map.entry("documentHash", SHA256.required()),
            Map.entry("pledgeDocumentHash", SHA256),
            Map.entry("workerPseudonym", SHA256.required()),
            Map.entry("responsiblePersonPseudonyms", SHA256.items(0, null)),
            Map.entry("occupation", OCCUPATION.required()),
            Map.entry("holderName", HOLDER_NAME.required()), Map.entry("holderIdNumber", RESIDENT_ID.required()),
            Map.entry("holderSalt", HOLDER_SALT.required()),
            Map.entry("reason", REASON.required()), Map.entry("note", REASON.required()),
            Map.entry("inspectorId", INSPECTOR_ID.required()), Map.entry("period", PERIOD),
            Map.entry("year", YEAR.required()),
            Map.entry("issueDate", DATE.required()), Map.entry("expiryDate", DATE),
            Map.entry("decisionDate", DATE.required()), Map.entry("paidDate", DATE.required()),
            Map.entry("rectificationDate", DATE.required()), Map.entry("receivedOn", DATE), Map.entry("sentOn", DATE),
            Map.entry("validFrom", DATE.required()), Map.entry("validTo", DATE.required()),
            Map.entry("effectiveFrom", DATE.required()), Map.entry("effectiveTo", DATE),
            Map.entry("holidays", DATE.items(0, 366)), Map.entry("adjustedWorkingDays", DATE.items(0, 366)),
            Map.entry("evidenceHashes", SHA256.items(0, Objection.MAX_EVIDENCE)));

    /** A body field of one schema. */
    static final Map<String, Rule> PROPERTIES = Map.ofEntries(
            // Platform employment reports (ReportController)
            Map.entry("FileReportRequest.period", REPORT_PERIOD.required()),
            Map.entry("FileReportRequest.workersByOccupation", list(PlatformReportInput.MAX_OCCUPATIONS)),
            Map.entry("FileReportRequest.workersByRegion", list(PlatformReportInput.MAX_REGIONS)),
            Map.entry("FileReportRequest.newFormWorkers", REPORT_COUNT),
            Map.entry("FileReportRequest.occupationalInjuries", REPORT_COUNT),
            Map.entry("FileReportRequest.complaintsReceived", REPORT_COUNT),
            Map.entry("CorrectReportRequest.workersByOccupation", list(PlatformReportInput.MAX_OCCUPATIONS)),
            Map.entry("CorrectReportRequest.workersByRegion", list(PlatformReportInput.MAX_REGIONS)),
            Map.entry("CorrectReportRequest.newFormWorkers", REPORT_COUNT),
            Map.entry("CorrectReportRequest.occupationalInjuries", REPORT_COUNT),
            Map.entry("CorrectReportRequest.complaintsReceived", REPORT_COUNT),
            Map.entry("CorrectReportRequest.reasonCode", oneOf(PlatformReport.CORRECTION_REASONS).required()),
            Map.entry("OccupationWorkers.workers", REPORT_COUNT),
            Map.entry("RegionWorkers.workers", REPORT_COUNT),
            Map.entry("RegionWorkers.regionCode", REGION.required()),
            Map.entry("EnterpriseRequest.name", text(200).required()),
            Map.entry("EnterpriseRequest.kind", oneOf(EnterpriseKind.class)),
            Map.entry("KindRequest.kind", oneOf(EnterpriseKind.class).required()),
            Map.entry("ViolationRequest.type", oneOf(ViolationType.class).required()),
            Map.entry("ViolationRequest.amountFen", integer(0, CanonicalJson.MAX_EXACT_LONG).required()),
            Map.entry("ViolationRequest.workersAffected", integer(1, Integer.MAX_VALUE).required()),
            Map.entry("ViolationRequest.status", oneOf(List.of(ViolationStatus.OPEN.name(), ViolationStatus.PENALIZED.name()))),
            Map.entry("StatusRequest.status", oneOf(List.of(ViolationStatus.RECTIFIED.name(), ViolationStatus.PENALIZED.name(),
                    ViolationStatus.CLOSED.name())).required()),
            Map.entry("RatingRequest.level", oneOf(CreditLevel.class)),
            Map.entry("RatingRequest.overrideReason", text(ApiFormats.TEXT_MAX)),
            Map.entry("ListingRequest.violationId", LEDGER_ID.required()),
            Map.entry("ComplaintRequest.category", oneOf(ComplaintCategory.class).required()),
            Map.entry("DeclineRequest.reason", oneOf(Complaint.DeclineReason.class).required()),
            Map.entry("CloseRequest.outcome", oneOf(Complaint.Outcome.class).required()),
            Map.entry("AssistRequestBody.kind", oneOf(AssistRequest.Kind.class).required()),
            Map.entry("AssistRequestBody.complaintId", LEDGER_ID),
            Map.entry("ResultRequest.outcome", oneOf(SpotCheckResult.Outcome.class).required()),
            Map.entry("ConflictRequest.uscc", USCC.required()),
            Map.entry("DrawRequest.enterpriseCount", integer(SpotCheckRequest.MIN_ENTERPRISES, SpotCheckRequest.MAX_ENTERPRISES).required()),
            Map.entry("DrawRequest.inspectorsPerEnterprise", integer(SpotCheckRequest.MIN_INSPECTORS, SpotCheckRequest.MAX_INSPECTORS).required()),
            Map.entry("WeightsRequest.a", WEIGHT), Map.entry("WeightsRequest.b", WEIGHT),
            Map.entry("WeightsRequest.c", WEIGHT), Map.entry("WeightsRequest.unrated", WEIGHT),
            Map.entry("SettingsRequest.acceptanceWorkingDays", CASE_DAYS),
            Map.entry("SettingsRequest.assistWorkingDays", CASE_DAYS),
            Map.entry("SettingsRequest.objectionWorkingDays", CASE_DAYS.optional()),
            Map.entry("NewCertificate.number", CERTIFICATE_NUMBER.required()),
            Map.entry("NewCertificate.level", LEVEL.required()),
            Map.entry("NewCertificateBatch.certificates", new Rule("array", null, null, null, null, null, null, null, null,
                    true, null, 1, 2000)),
            Map.entry("AccreditationRequest.name", text(AccreditationRequest.MAX_NAME_LENGTH).required()),
            Map.entry("AccreditationRequest.scopes", new Rule("array", null, null, null, null, null, null, null, null,
                    true, null, 1, null)),
            Map.entry("AccreditationScope.highestLevel", LEVEL.required()),
            Map.entry("AccreditationScope.kind", oneOf(CredentialKind.class)),
            Map.entry("RecognitionRuleProposal.minimumLevel", LEVEL.required()),
            Map.entry("RecognitionRuleProposal.kind", oneOf(CredentialKind.class)),
            Map.entry("SubsidyClaimRequest.amountFen", integer(1, SubsidyClaimRequest.MAX_AMOUNT_FEN).required()),
            Map.entry("SubsidyClaimRequest.reference", text(ApiFormats.REFERENCE_MAX)),
            Map.entry("NewAccount.centerId", USCC.optional()),
            Map.entry("NewAccount.role", oneOf(List.of("BUREAU_ADMIN", "BUREAU", "TRAINING_CENTER", "INSPECTOR",
                    "ENTERPRISE")).required()),
            Map.entry("NewAccount.inspectorId", INSPECTOR_ID.optional()),
            Map.entry("NewAccount.uscc", USCC.optional()),
            Map.entry("CaseSubmission.targetRegion", REGION.required()),
            Map.entry("RegistrationRequest.regionCode", REGION.required()),
            Map.entry("RegistrationRequest.bureauName", text(200).required()),
            Map.entry("ScheduleRequest.records", integer(0, 10_000_000)),
            Map.entry("RedrawConsent.period", PERIOD.required()),
            Map.entry("ProofStep.side", oneOf(List.of(MerkleTree.LEFT, MerkleTree.RIGHT)).required()),
            Map.entry("ProofStep.hash", LEDGER_ID.required()),
            Map.entry("AnchorProof.leaf", new Rule(null, null, null, null, null, null, null, null, null, true, null, null, null)),
            Map.entry("AnchorProof.checkpoint", new Rule(null, null, null, null, null, null, null, null, null, true, null, null, null)),
            Map.entry("AnchorProof.path", new Rule("array", null, null, null, null, null, null, null, null, true, null, null, null)),
            Map.entry("AnchorProof.leafIndex", integer(0, Integer.MAX_VALUE).required()),
            Map.entry("ObjectionRequest.target", oneOf(Objection.Target.class).required()),
            Map.entry("ObjectionRequest.recordId", LEDGER_ID.required()),
            Map.entry("ObjectionRequest.reasonCode", oneOf(Objection.REASON_CODES).required()),
            Map.entry("ObjectionDecisionRequest.outcome", oneOf(List.of(Objection.Status.REJECTED.name(),
                    Objection.Status.CORRECTED.name(), Objection.Status.ANNULLED.name())).required()),
            Map.entry("CorrectionBody.type", oneOf(ViolationType.class)),
            Map.entry("CorrectionBody.level", oneOf(CreditLevel.class)),
            Map.entry("RepairRequest.listingId", LEDGER_ID.required()),
            Map.entry("RepairRequest.pledgeDocumentHash", SHA256.required()),
            Map.entry("RepairDecisionRequest.outcome", oneOf(List.of(CreditRepair.Status.GRANTED.name(),
                    CreditRepair.Status.REFUSED.name())).required()),
            Map.entry("StatusRequestInput.asked", oneOf(List.of(CertificateStatus.SUSPENDED.name(),
                    CertificateStatus.REVOKED.name())).required()),
            Map.entry("StatusRequestInput.reasonCode", oneOf(java.util.stream.Stream.concat(
                    ReasonCodes.CERTIFICATE_SUSPEND.stream(), ReasonCodes.CERTIFICATE_REVOKE.stream()).distinct().toList()).required()));

    private static final String REPORT_LISTS = "adds up to the same number of workers as workersByOccupation; "
            + "each region (each occupation) listed once";

    /** Rules across fields, which a JSON schema cannot express: said in the field's description. */
    static final Map<String, String> ACROSS_FIELDS = Map.ofEntries(
            Map.entry("FileReportRequest.workersByRegion", REPORT_LISTS),
            Map.entry("CorrectReportRequest.workersByRegion", REPORT_LISTS),
            Map.entry("FileReportRequest.newFormWorkers", "at most the workers engaged (the sum of either list)"),
            Map.entry("CorrectReportRequest.newFormWorkers", "at most the workers engaged (the sum of either list)"),
            Map.entry("NewCertificate.number", "its level digit (16th character of a skill level number, 6th of a "
                    + "professional title) must agree with level; a special vocational ability (Z) has level 0"),
            Map.entry("NewCertificate.level", "1 to 5 for a skill level certificate or professional title, "
                    + "0 for a special vocational ability"),
            Map.entry("AccreditationScope.highestLevel", "a level of the scope's kind: 1 to 5 for a skill level or a "
                    + "professional title, 0 for a special vocational ability"),
            Map.entry("AccreditationScope.occupation", "in major group 2 (2-...) for a PROFESSIONAL_TITLE scope"),
            Map.entry("RecognitionRuleProposal.minimumLevel", "a level of the rule's kind: 1 to 5 for a skill level or "
                    + "a professional title, 0 for a special vocational ability"),
            Map.entry("NewCertificate.expiryDate", "after issueDate"),
            Map.entry("AccreditationRequest.validTo", "on or after validFrom"),
            Map.entry("RecognitionRuleProposal.effectiveTo", "on or after effectiveFrom"),
            Map.entry("RecognitionRuleProposal.toRegion", "not fromRegion"),
            Map.entry("NewAccount.centerId", "required for role TRAINING_CENTER, refused for any other"),
            Map.entry("NewAccount.inspectorId", "required for role INSPECTOR, refused for any other"),
            Map.entry("NewAccount.uscc", "required for role ENTERPRISE, refused for any other"),
            Map.entry("RatingRequest.overrideReason", "given only when level differs from the rules' level"),
            Map.entry("ObjectionRequest.recordId", "with target RATING it is USCC/REGION/YEAR instead, e.g. "
                    + ApiFormats.USCC_EXAMPLE + "/CD/2026"),
            Map.entry("ObjectionDecisionRequest.correction", "required with outcome CORRECTED, refused with any other"),
            Map.entry("StatusRequestInput.reasonCode", "one of the asked action's codes: SUSPENDED takes "
                    + String.join(", ", ReasonCodes.CERTIFICATE_SUSPEND) + "; REVOKED takes "
                    + String.join(", ", ReasonCodes.CERTIFICATE_REVOKE)));

    /** A path or query parameter by its name, in any operation (unless {@link #PARAMETERS} says otherwise). */
    static final Map<String, Rule> PARAMETER_NAMES = Map.ofEntries(
            Map.entry("uscc", USCC), Map.entry("centerId", USCC), Map.entry("number", CERTIFICATE_NUMBER),
            Map.entry("region", REGION), Map.entry("toRegion", REGION), Map.entry("targetRegion", REGION),
            Map.entry("regionCode", REGION), Map.entry("code", REGION),
            Map.entry("year", YEAR), Map.entry("drawId", LEDGER_ID), Map.entry("batchId", LEDGER_ID),
            Map.entry("ruleId", LEDGER_ID), Map.entry("inspectorId", INSPECTOR_ID), Map.entry("dueBy", DATE),
            Map.entry("level", oneOf(CreditLevel.class)), Map.entry("overrideReason", REASON),
            Map.entry("purpose", oneOf(List.of(Vocabulary.REVOCATION, Vocabulary.SUSPENSION))),
            Map.entry("after", integer(0, Long.MAX_VALUE)));

    /** A parameter of one path. */
    static final Map<String, Rule> PARAMETERS = Map.ofEntries(
            Map.entry("/api/v1/enterprises/{uscc}/reports/{period} period", REPORT_PERIOD),
            Map.entry("/api/v1/enterprises/{uscc}/reports/{period}/history period", REPORT_PERIOD),
            Map.entry("/api/v1/reports/late period", REPORT_PERIOD),
            Map.entry("/api/v1/reports/totals period", REPORT_PERIOD),
            Map.entry("/api/v1/checkpoints/{number} number", pattern(ApiFormats.CHECKPOINT_NUMBER)),
            Map.entry("/api/v1/checkpoints/{number}/countersignature number", pattern(ApiFormats.CHECKPOINT_NUMBER)),
            Map.entry("/api/v1/checkpoints/{number}/anchor number", pattern(ApiFormats.CHECKPOINT_NUMBER)),
            Map.entry("/api/v1/centers/{centerId}/certificates status", oneOf(List.of(CertificateStatus.VALID.name(),
                    CertificateStatus.SUSPENDED.name(), CertificateStatus.REVOKED.name()))),
            Map.entry("/api/v1/centers/{centerId}/certificates pageSize", integer(1, CenterCertificatePage.MAX_PAGE_SIZE)),
            Map.entry("/api/v1/centers/{centerId}/certificates from", CERTIFICATE_NUMBER),
            Map.entry("/api/v1/objections/{id} id", LEDGER_ID),
            Map.entry("/api/v1/objections/{id}/decision id", LEDGER_ID),
            Map.entry("/api/v1/objections status", oneOf(Objection.Status.class)),
            Map.entry("/api/v1/objections decidingRegion", REGION),
            Map.entry("/api/v1/credit-repairs/{id} id", LEDGER_ID),
            Map.entry("/api/v1/credit-repairs/{id}/decision id", LEDGER_ID),
            Map.entry("/api/v1/credit-repairs status", oneOf(CreditRepair.Status.class)),
            Map.entry("/api/v1/credit-repairs decidingRegion", REGION));

    /** The reason codes of each status change, whose body is the one StatusChange record. */
    static final Map<String, List<String>> REASON_CODES = Map.ofEntries(
            Map.entry("/api/v1/certificates/{number}/suspend", ReasonCodes.CERTIFICATE_SUSPEND),
            Map.entry("/api/v1/certificates/{number}/reinstate", ReasonCodes.CERTIFICATE_REINSTATE),
            Map.entry("/api/v1/certificates/{number}/revoke", ReasonCodes.CERTIFICATE_REVOKE),
            Map.entry("/api/v1/accreditations/{centerId}/suspend", ReasonCodes.ACCREDITATION_SUSPEND),
            Map.entry("/api/v1/accreditations/{centerId}/reinstate", ReasonCodes.ACCREDITATION_REINSTATE),
            Map.entry("/api/v1/accreditations/{centerId}/revoke", ReasonCodes.ACCREDITATION_REVOKE),
            Map.entry("/api/v1/certificates/{number}/recognition-cases/{targetRegion}/accept", ReasonCodes.RECOGNITION_ACCEPT),
            Map.entry("/api/v1/certificates/{number}/recognition-cases/{targetRegion}/refuse", ReasonCodes.RECOGNITION_REFUSE));

    /** Bodies the controller reads as text and parses itself: the schema it parses them into. */
    static final Map<String, String> PARSED_BODIES = Map.of(
            "/api/v1/public/anchor-proofs/verification", "AnchorProof");

    /**
     * A rating's year: from 2000 to the current year in China, as the rating contract checks. The
     * maximum is the year the document was made in; a service running across New Year's Eve
     * describes last year's maximum until it restarts (the ledger's check is the authority).
     */
    static Rule ratingYear() {
        return integer(ApiFormats.YEAR_MIN, IsoDate.today().getYear()).required();
    }

    private final String regionCode;

    /** @param regionCode this service's region: an inspector's account id begins with it */
    public ApiConstraints(@Value("${registry.region-code:}") String regionCode) {
        this.regionCode = regionCode;
    }

    @Override
    public void customise(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents() == null || api.getComponents().getSchemas() == null
                ? Map.of() : api.getComponents().getSchemas();
        Set<String> bodies = requestSchemas(api, schemas);
        for (Map.Entry<String, Schema> schema : schemas.entrySet()) {
            if (bodies.contains(schema.getKey())) {
                constrain(schema.getKey(), schema.getValue());
            }
        }
        // An inspector's account, and an inspector in the register, belong to this region.
        for (String own : List.of("NewAccount", "InspectorRequest")) {
            Schema<?> schema = schemas.get(own);
            if (schema != null && schema.getProperties() != null && schema.getProperties().get("inspectorId") != null
                    && regionCode.matches("[A-Z]{2}")) {
                schema.getProperties().get("inspectorId").setPattern("^" + regionCode + ApiFormats.INSPECTOR_ID_AFTER_REGION);
            }
        }
        if (api.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Operation op : path.getValue().readOperations()) {
                for (Parameter p : op.getParameters() == null ? List.<Parameter>of() : op.getParameters()) {
                    Rule rule = PARAMETERS.getOrDefault(path.getKey() + " " + p.getName(), PARAMETER_NAMES.get(p.getName()));
                    if ("year".equals(p.getName()) && path.getKey().contains("/ratings")) {
                        rule = ratingYear().optional();
                    }
                    if ("targetRegion".equals(p.getName()) && REASON_CODES.containsKey(path.getKey())
                            && regionCode.matches("[A-Z]{2}")) {
                        rule = oneOf(List.of(regionCode)); // only the target region's bureau decides a recognition
                    }
                    // springdoc shares one schema object between parameters of one type: constrain a copy
                    p.setSchema(copy(p.getSchema()));
                    if (rule != null) {
                        apply(rule, p.getSchema());
                    }
                    if ("path".equals(p.getIn()) && p.getSchema().getMinLength() == null
                            && p.getSchema().getPattern() == null && isString(p.getSchema())) {
                        p.getSchema().setMinLength(1); // a path segment is never empty
                    }
                }
            }
            List<String> codes = REASON_CODES.get(path.getKey());
            if (codes != null && path.getValue().getPost() != null) {
                String name = "StatusChange" + suffix(path.getKey());
                Schema<Object> change = new ObjectSchema();
                change.setDescription("why: one of this action's reason codes, and a free-text reason");
                change.addProperty("reasonCode", schemaOf(oneOf(codes)));
                change.addProperty("reason", schemaOf(REASON));
                change.setRequired(List.of("reasonCode", "reason"));
                api.getComponents().addSchemas(name, change);
                setBody(path.getValue().getPost(), new Schema<>().$ref("#/components/schemas/" + name));
            }
            String parsed = PARSED_BODIES.get(path.getKey());
            if (parsed != null && path.getValue().getPost() != null && schemas.containsKey(parsed)) {
                setBody(path.getValue().getPost(), new Schema<>().$ref("#/components/schemas/" + parsed));
            }
        }
    }

    private static void constrain(String name, Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = new ArrayList<>(schema.getRequired() == null ? List.of() : schema.getRequired());
        for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
            Rule rule = "RatingRequest.year".equals(name + "." + property.getKey()) ? ratingYear()
                    : PROPERTIES.getOrDefault(name + "." + property.getKey(), PROPERTY_NAMES.get(property.getKey()));
            if (rule == null) {
                continue;
            }
            Schema<?> own = copy(property.getValue());
            apply(rule, own);
            String across = ACROSS_FIELDS.get(name + "." + property.getKey());
            if (across != null) {
                own.setDescription(own.getDescription() == null ? across : own.getDescription() + "; " + across);
            }
            property.setValue(own);
            if (rule.mandatory() && !required.contains(property.getKey())) {
                required.add(property.getKey());
            } else if (!rule.mandatory()) {
                required.remove(property.getKey());
            }
        }
        schema.setRequired(required.isEmpty() ? null : required);
    }

    /** The request bodies (the answers' schemas describe what the ledger wrote, and are left as they are). */
    /**
     * The schemas of what clients send: every schema a request body refers to (or that a body read
     * as text is parsed into, {@link #PARSED_BODIES}), and every schema those refer to in turn
     * (an accreditation's scopes, a proof's steps). Derived, so a new endpoint's body is
     * constrained without a list to keep; response-only schemas are left as they are.
     */
    static Set<String> requestSchemas(OpenAPI api, Map<String, Schema> schemas) {
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(PARSED_BODIES.values());
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
                if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                    op.getRequestBody().getContent().values().forEach(media -> refs(media.getSchema(), todo));
                }
            }));
        }
        Set<String> found = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            Schema<?> schema = schemas.get(name);
            if (found.add(name) && schema != null && schema.getProperties() != null) {
                schema.getProperties().values().forEach(p -> refs(p, todo));
            }
        }
        return found;
    }

    /** The component names {@code schema} refers to, directly or as its array's items. */
    private static void refs(Schema<?> schema, java.util.Deque<String> out) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            out.add(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1));
        }
        refs(schema.getItems(), out);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void apply(Rule rule, Schema schema) {
        if (rule.type() != null) {
            schema.setType(rule.type());
            schema.setTypes(Set.of(rule.type()));
            if (!"string".equals(rule.type())) {
                schema.setPattern(null);
            }
        }
        if (rule.format() != null) {
            schema.setFormat(rule.format());
        } else if ("integer".equals(rule.type()) && rule.maximum() != null && rule.maximum() > Integer.MAX_VALUE) {
            schema.setFormat("int64");
        }
        if (rule.pattern() != null) {
            schema.setPattern(rule.pattern());
        }
        if (rule.minLength() != null) {
            schema.setMinLength(rule.minLength());
        }
        if (rule.maxLength() != null) {
            schema.setMaxLength(rule.maxLength());
        }
        if (rule.allowed() != null) {
            schema.setEnum(new ArrayList<>(rule.allowed()));
        }
        if (rule.minimum() != null) {
            schema.setMinimum(BigDecimal.valueOf(rule.minimum()));
        }
        if (rule.maximum() != null) {
            schema.setMaximum(BigDecimal.valueOf(rule.maximum()));
        }
        if (rule.example() != null) {
            schema.setExample(rule.example());
        }
        if (rule.minItems() != null) {
            schema.setMinItems(rule.minItems());
        }
        if (rule.maxItems() != null) {
            schema.setMaxItems(rule.maxItems());
        }
        if (rule.items() != null) {
            if (schema.getItems() == null) {
                schema.setItems(new Schema<>());
            }
            apply(rule.items(), schema.getItems());
        }
    }

    /** A schema of its own, with what the generated one said. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Schema<?> copy(Schema<?> given) {
        Schema copy = new Schema<>();
        if (given == null) {
            return copy;
        }
        copy.set$ref(given.get$ref());
        copy.setType(given.getType());
        copy.setTypes(given.getTypes() == null ? null : new java.util.LinkedHashSet<>(given.getTypes()));
        copy.setFormat(given.getFormat());
        copy.setDescription(given.getDescription());
        if (given.getExample() != null) {
            copy.setExample(given.getExample());
        }
        if (given.getDefault() != null) {
            copy.setDefault(given.getDefault());
        }
        copy.setEnum(given.getEnum() == null ? null : new ArrayList<>(given.getEnum()));
        copy.setPattern(given.getPattern());
        copy.setMinLength(given.getMinLength());
        copy.setMaxLength(given.getMaxLength());
        copy.setMinimum(given.getMinimum());
        copy.setMaximum(given.getMaximum());
        copy.setMinItems(given.getMinItems());
        copy.setMaxItems(given.getMaxItems());
        copy.setItems(given.getItems() == null ? null : copy(given.getItems()));
        copy.setProperties(given.getProperties());
        copy.setRequired(given.getRequired());
        copy.setReadOnly(given.getReadOnly());
        copy.setNullable(given.getNullable());
        return copy;
    }

    private static Schema<?> schemaOf(Rule rule) {
        Schema<?> s = new Schema<>();
        apply(rule, s);
        return s;
    }

    private static boolean isString(Schema<?> schema) {
        return "string".equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains("string"));
    }

    private static void setBody(Operation op, Schema<?> schema) {
        if (op.getRequestBody() == null) {
            return;
        }
        Content content = op.getRequestBody().getContent();
        if (content == null) {
            content = new Content();
            op.getRequestBody().setContent(content);
        }
        MediaType json = content.getOrDefault("application/json", new MediaType());
        json.setSchema(schema);
        content.addMediaType("application/json", json);
    }

    /** {@code /api/v1/certificates/{number}/suspend} becomes {@code CertificateSuspend}. */
    private static String suffix(String path) {
        String[] parts = path.split("/");
        String last = parts[parts.length - 1];
        String owner = path.contains("recognition-cases") ? "recognition" : parts[3].replaceAll("s$", "");
        return capitalize(owner) + capitalize(last);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Each rule by the place it applies to, for the tests. */
    static Map<String, Rule> table() {
        Map<String, Rule> all = new LinkedHashMap<>();
        PROPERTY_NAMES.forEach((k, v) -> all.put("*." + k, v));
        all.putAll(PROPERTIES);
        return all;
    }
}
