/* bs-fact-grid.c — see bs-fact-grid.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-fact-grid.h"

const char *
bs_fact_icon (BsFactState state)
{
  switch (state)
    {
    case BS_FACT_GOOD: return "emblem-ok-symbolic";
    case BS_FACT_WARNING: return "dialog-warning-symbolic";
    case BS_FACT_BAD: return "dialog-error-symbolic";
    case BS_FACT_UNDECIDED: return "dialog-question-symbolic";
    case BS_FACT_UNKNOWN:
    default: return "dialog-question-symbolic";
    }
}

static const char *
state_class (BsFactState state)
{
  switch (state)
    {
    case BS_FACT_GOOD: return "fact-good";
    case BS_FACT_WARNING: return "fact-warning";
    case BS_FACT_BAD: return "fact-bad";
    case BS_FACT_UNDECIDED: return "fact-undecided";
    case BS_FACT_UNKNOWN:
    default: return "fact-unknown";
    }
}

GtkWidget *
bs_fact_grid_new (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  return grid;
}

static int
next_row (GtkWidget *grid)
{
  int rows = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (grid); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      int row, height;
      gtk_grid_query_child (GTK_GRID (grid), c, NULL, &row, NULL, &height);
      rows = MAX (rows, row + height);
    }
  return rows;
}

static void
add_row (GtkWidget *grid, const char *label, const char *value, const char *icon, const char *css)
{
  int row = next_row (grid);
  GtkWidget *key = gtk_label_new (label);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (key), 0);
  gtk_label_set_yalign (GTK_LABEL (key), 0);
  gtk_widget_add_css_class (key, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 60);
  gtk_widget_set_hexpand (text, TRUE);
  if (icon != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon);
      gtk_widget_set_valign (image, GTK_ALIGN_START);
      gtk_widget_add_css_class (image, css);
      gtk_box_append (GTK_BOX (line), image);
    }
  gtk_box_append (GTK_BOX (line), text);
  gtk_grid_attach (GTK_GRID (grid), key, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), line, 1, row, 1, 1);
}

void
bs_fact_grid_add (GtkWidget *grid, const char *label, const BsFact *fact)
{
  add_row (grid, label, fact->text, bs_fact_icon (fact->state), state_class (fact->state));
}

void
bs_fact_grid_add_text (GtkWidget *grid, const char *label, const char *value)
{
  add_row (grid, label, value ? value : "-", NULL, NULL);
}
