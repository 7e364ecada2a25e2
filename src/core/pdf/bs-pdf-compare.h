/* bs-pdf-compare.h — whether two PDF values are the same, across documents.
 *
 * Comparing a signed revision with a later one must read only what
 * changed: qpdf's unparse() resolves every reference it meets to drop
 * null entries, so comparing an AcroForm whose /DR names a font made it
 * parse that font's 65 000-entry /W array in every revision compared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-object.h"

G_BEGIN_DECLS

/* TRUE when @a (in @da) and @b (in @db) are the same value. References
 * are equal when they name the same object number and generation; they
 * are not followed, except that with @contents the objects @a and @b
 * themselves are compared even when they are indirect. Dictionary entries
 * whose value is null count as absent (ISO 32000-1 7.3.7); streams are
 * equal when their dictionaries and raw (still encoded) data are.
 * Structures past the walk's bounds are reported as different. */
gboolean bs_pdf_obj_equal (BsPdfDocument *da, BsPdfObj a, BsPdfDocument *db, BsPdfObj b,
                           gboolean contents);

G_END_DECLS
