/* bs-signature-details.h — "Detail": every signature of a document as a
 * list, each opened to what was checked, in words (after Papers' signature
 * panel): the signer, when and what proves it, integrity, trust,
 * revocation, what changed after signing, format, the problems found; and
 * for each, its certificate chain and its signed version. A document that
 * could not be read shows why, in a technical note.
 *
 * Signal "compare" (guint index): show signature @index's signed version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-dialog.h"

G_BEGIN_DECLS

#define BS_TYPE_SIGNATURE_DETAILS (bs_signature_details_get_type ())
G_DECLARE_FINAL_TYPE (BsSignatureDetails, bs_signature_details, BS, SIGNATURE_DETAILS, BsDialog)

/* @report is borrowed: the dialog must not outlive it. */
GtkWidget *bs_signature_details_new (BsAppContext *context, const BsVerifyReport *report);

G_END_DECLS
