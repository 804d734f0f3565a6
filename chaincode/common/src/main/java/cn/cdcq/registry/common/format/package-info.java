/**
 * Validators for the national formats that arrive as user input: unified social credit codes,
 * resident ID numbers, skill certificate numbers, occupation codes, skill levels, region codes and
 * dates.
 *
 * <p>Each returns the normalized value (trimmed, uppercased where the format is case-free), so two
 * spellings of one code can never become two ledger keys, or throws an
 * {@link cn.cdcq.registry.common.InvalidInputException} whose message names the exact fault:
 * the length, the character and its position, the check character expected and found.
 */
package cn.cdcq.registry.common.format;
