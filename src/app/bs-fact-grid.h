/* bs-fact-grid.h — a two-column grid of facts: a label, then its value
 * with an icon saying whether it is good, a warning, bad or not known.
 * Values wrap and can be selected (copied).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-signature-facts.h"

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *bs_fact_grid_new      (void);
/* Adds a row; @state BS_FACT_UNKNOWN with no icon when @plain. */
void       bs_fact_grid_add      (GtkWidget *grid, const char *label, const BsFact *fact);
void       bs_fact_grid_add_text (GtkWidget *grid, const char *label, const char *value);
/* The icon name of @state. */
const char *bs_fact_icon (BsFactState state);

G_END_DECLS
