package cn.cdcq.registry.client.web.center;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.common.format.CertificateNumber;
import org.springframework.web.multipart.MultipartFile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The holders' photos uploaded with a CSV batch: one file per certificate, named by its number
 * ({@code S…….jpg}, {@code .jpeg} or {@code .png}), each checked as {@link CertificatePhoto}
 * checks a single one. Like the single photo they go into the PDFs only (session memory, never
 * disk, log or ledger).
 *
 * @param good     the photos that passed, by certificate number
 * @param problems why a photo was refused (code and detail), by certificate number (the preview marks that row)
 * @param misnamed files whose name is not a certificate number with a photo extension, or a second
 *                 photo for one number
 * @param fileNames the uploaded file name of each number's photo
 */
record BatchPhotos(Map<String, byte[]> good, Map<String, InvalidRequest.FieldProblem> problems, List<String> misnamed,
                   Map<String, String> fileNames) {

    /** The page's own code for photos that match no row (no API answers it). */
    static final String PHOTO_UNMATCHED = "PHOTO_UNMATCHED";
    /** A photo's file name: a certificate number of any kind (checked in full by CertificateNumber) and an image extension. */
    private static final Pattern NAME = Pattern.compile("([YSZT][0-9]{13,21})\\.(?i:jpe?g|png)");

    static BatchPhotos of(List<MultipartFile> files) {
        Map<String, byte[]> good = new LinkedHashMap<>();
        Map<String, InvalidRequest.FieldProblem> problems = new LinkedHashMap<>();
        List<String> misnamed = new ArrayList<>();
        Map<String, String> fileNames = new LinkedHashMap<>();
        Set<String> seen = new TreeSet<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            if (file == null || file.isEmpty()) {
                continue;   // the browser sends one empty part when no file was chosen
            }
            String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().strip();
            Matcher m = NAME.matcher(name);
            if (!m.matches() || !CertificateNumber.isValid(m.group(1)) || !seen.add(m.group(1))) {
                misnamed.add(name.isEmpty() ? "(no name)" : name);
                continue;
            }
            fileNames.put(m.group(1), name);
            try {
                good.put(m.group(1), CertificatePhoto.checked("photo", file));
            } catch (InvalidRequest e) {
                problems.put(m.group(1), e.problems().get(0));
            }
        }
        return new BatchPhotos(good, problems, List.copyOf(misnamed), fileNames);
    }

    /** Every number a photo was given for, good or not. */
    Set<String> numbers() {
        Set<String> all = new TreeSet<>(good.keySet());
        all.addAll(problems.keySet());
        return all;
    }

    String explain(List<String> strays) {
        List<String> parts = new ArrayList<>();
        if (!misnamed.isEmpty()) {
            parts.add("photo files must be named by the certificate number, e.g. S000150000001264000001.jpg, one per "
                    + "number: " + String.join(", ", misnamed));
        }
        if (!strays.isEmpty()) {
            parts.add("photos for numbers that are not in the CSV: " + String.join(", ", strays));
        }
        return String.join("; ", parts) + "; nothing was submitted";
    }
}
