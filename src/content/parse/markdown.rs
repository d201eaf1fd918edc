//! The Markdown stage: the body as a small block tree (paragraphs, quotes, lists, headings),
//! each block with its byte offset in the file, built from pulldown-cmark's offset iterator.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug)]
pub(super) enum Block {
    Para {
        text: String,
        at: usize,
    },
    Quote {
        blocks: Vec<Block>,
        at: usize,
    },
    List {
        ordered: bool,
        items: Vec<Item>,
        at: usize,
    },
    Heading {
        level: usize,
        text: String,
        at: usize,
    },
    Unsupported {
        what: &'static str,
        at: usize,
    },
}

impl Block {
    /// The block's byte offset in the file.
    pub(super) fn at(&self) -> usize {
        match self {
            Block::Para { at, .. }
            | Block::Quote { at, .. }
            | Block::List { at, .. }
            | Block::Heading { at, .. }
            | Block::Unsupported { at, .. } => *at,
        }
    }
}

#[derive(Debug)]
pub(super) struct Item {
    pub blocks: Vec<Block>,
    pub at: usize,
}

impl Item {
    /// Its paragraphs, with their offsets.
    pub(super) fn paras(&self) -> Vec<(&str, usize)> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para { text, at } => Some((text.as_str(), *at)),
                _ => None,
            })
            .collect()
    }

    /// Its quoted blocks (`> …`).
    pub(super) fn quotes(&self) -> Vec<&Block> {
        self.blocks
            .iter()
            .filter(|b| matches!(b, Block::Quote { .. }))
            .collect()
    }
}

enum Frame {
    Root(Vec<Block>),
    Quote(Vec<Block>, usize),
    List(bool, Vec<Item>, usize),
    Item(Vec<Block>, usize),
    /// Text, offset, and whether it was opened implicitly (loose text in an item).
    Para(String, usize, bool),
    Heading(usize, String, usize),
    Html(String, usize),
    Code(usize),
}

fn push_block(stack: &mut [Frame], block: Block) {
    match stack.last_mut() {
        Some(Frame::Root(v)) | Some(Frame::Quote(v, _)) | Some(Frame::Item(v, _)) => v.push(block),
        _ => {}
    }
}

fn close_implicit(stack: &mut Vec<Frame>) {
    if let Some(Frame::Para(_, _, true)) = stack.last() {
        if let Some(Frame::Para(text, at, _)) = stack.pop() {
            push_block(
                stack,
                Block::Para {
                    text: clean_inline(&text),
                    at,
                },
            );
        }
    }
}

/// One line of running text: whitespace collapsed, NFC.
fn clean_inline(s: &str) -> String {
    let collapsed: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.nfc().collect()
}

/// The block tree of `body`, which starts at byte `offset` of the file.
pub(super) fn block_tree(body: &str, offset: usize) -> Vec<Block> {
    let mut stack = vec![Frame::Root(Vec::new())];
    for (ev, range) in Parser::new(body).into_offset_iter() {
        let at = offset + range.start;
        match ev {
            Event::Start(tag) => {
                let block = !matches!(
                    tag,
                    Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Link { .. }
                        | Tag::Image { .. }
                        | Tag::Superscript
                        | Tag::Subscript
                );
                if block {
                    close_implicit(&mut stack);
                }
                match tag {
                    Tag::Paragraph => stack.push(Frame::Para(String::new(), at, false)),
                    Tag::Heading { level, .. } => {
                        stack.push(Frame::Heading(level as usize, String::new(), at))
                    }
                    Tag::BlockQuote(_) => stack.push(Frame::Quote(Vec::new(), at)),
                    Tag::List(first) => stack.push(Frame::List(first.is_some(), Vec::new(), at)),
                    Tag::Item => stack.push(Frame::Item(Vec::new(), at)),
                    Tag::HtmlBlock => stack.push(Frame::Html(String::new(), at)),
                    Tag::CodeBlock(_) => stack.push(Frame::Code(at)),
                    _ if block => push_block(
                        &mut stack,
                        Block::Unsupported {
                            what: "this kind of Markdown block",
                            at,
                        },
                    ),
                    _ => {}
                }
            }
            Event::End(tag) => {
                if !matches!(
                    tag,
                    TagEnd::Paragraph
                        | TagEnd::Heading(_)
                        | TagEnd::BlockQuote(_)
                        | TagEnd::List(_)
                        | TagEnd::Item
                        | TagEnd::HtmlBlock
                        | TagEnd::CodeBlock
                ) {
                    continue;
                }
                close_implicit(&mut stack);
                let Some(frame) = stack.pop() else { continue };
                close_frame(&mut stack, frame);
            }
            Event::Text(t) | Event::Code(t) => append_text(&mut stack, &t, at),
            Event::SoftBreak | Event::HardBreak => append_text(&mut stack, " ", at),
            Event::Html(t) | Event::InlineHtml(t) => match stack.last_mut() {
                Some(Frame::Html(s, _)) => s.push_str(&t),
                _ if t.trim_start().starts_with("<!--") => {}
                _ => append_text(&mut stack, &t, at),
            },
            Event::Rule => push_block(
                &mut stack,
                Block::Unsupported {
                    what: "a horizontal rule",
                    at,
                },
            ),
            _ => {}
        }
    }
    while stack.len() > 1 {
        close_implicit(&mut stack);
        stack.pop();
    }
    match stack.pop() {
        Some(Frame::Root(b)) => b,
        _ => Vec::new(),
    }
}

/// Turns a finished frame into a block of its parent.
fn close_frame(stack: &mut Vec<Frame>, frame: Frame) {
    match frame {
        Frame::Para(text, at, _) => push_block(
            stack,
            Block::Para {
                text: clean_inline(&text),
                at,
            },
        ),
        Frame::Heading(level, text, at) => push_block(
            stack,
            Block::Heading {
                level,
                text: clean_inline(&text),
                at,
            },
        ),
        Frame::Quote(blocks, at) => push_block(stack, Block::Quote { blocks, at }),
        Frame::List(ordered, items, at) => push_block(stack, Block::List { ordered, items, at }),
        Frame::Item(blocks, at) => {
            if let Some(Frame::List(_, items, _)) = stack.last_mut() {
                items.push(Item { blocks, at });
            }
        }
        // Comments are for editors; any other HTML is a mistake worth reporting.
        Frame::Html(text, at) => {
            if !text.trim_start().starts_with("<!--") {
                push_block(
                    stack,
                    Block::Unsupported {
                        what: "raw HTML",
                        at,
                    },
                );
            }
        }
        Frame::Code(at) => push_block(
            stack,
            Block::Unsupported {
                what: "a code block",
                at,
            },
        ),
        Frame::Root(b) => stack.push(Frame::Root(b)),
    }
}

fn append_text(stack: &mut Vec<Frame>, t: &str, at: usize) {
    match stack.last_mut() {
        Some(Frame::Para(s, _, _)) | Some(Frame::Heading(_, s, _)) => s.push_str(t),
        Some(Frame::Code(_)) | Some(Frame::Html(..)) => {}
        _ => stack.push(Frame::Para(t.to_string(), at, true)),
    }
}

/// Every paragraph of a block as one string each (for notes and action details).
pub(super) fn flatten(block: &Block, out: &mut Vec<String>) {
    match block {
        Block::Para { text, .. } | Block::Heading { text, .. } => out.push(text.clone()),
        Block::Quote { blocks, .. } => blocks.iter().for_each(|b| flatten(b, out)),
        Block::List { items, .. } => {
            for item in items {
                let mut parts = Vec::new();
                item.blocks.iter().for_each(|b| flatten(b, &mut parts));
                out.push(parts.join(" "));
            }
        }
        Block::Unsupported { .. } => {}
    }
}
