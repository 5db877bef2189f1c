/* frame: the whole screen, drawn from the tutor's state. Only frame_draw
 * paints: the panes in table order, the tabs, the status line (or the prompt,
 * or a guess being typed), the key bar, the overlays and the REC mark; then a
 * cast, when one is being rendered, takes the frame's bytes. */
#ifndef NPLUS1_UI_FRAME_H
#define NPLUS1_UI_FRAME_H

struct app;

/* Place the panes for the terminal's size and the present mode. */
void frame_layout(struct app *a);
/* Draw one frame (nothing while a replay steps back quietly). */
void frame_draw(struct app *a);

#endif
