import { describe, expect, it } from 'vitest';
import { TopicSchema } from '../../src/lib/schemas/common';
import { AUDIENCE_LABELS, FIELD_LABELS, LEVEL_LABELS, UNIT_KIND_LABELS } from '../../src/lib/shared/labels';
import { isTopic, topicLabel, TOPIC_LABELS, TOPICS } from '../../src/lib/shared/topics';
import { AudienceSchema, LevelSchema } from '../../src/lib/schemas/course';
import { FieldSchema } from '../../src/lib/schemas/practice';
import { UnitKindSchema } from '../../src/lib/schemas/unit';

describe('topic labels', () => {
  it('has a Vietnamese label for every topic in the schema and nothing more', () => {
    expect([...TOPICS].sort()).toEqual([...TopicSchema.options].sort());
    for (const label of Object.values(TOPIC_LABELS)) expect(label).toMatch(/^\p{Lu}/u);
  });

  it('labels the five practices in Vietnamese', () => {
    expect(topicLabel('so-hoa-ho-so')).toBe('Số hóa hồ sơ vụ án');
    expect(topicLabel('xet-xu-truc-tuyen')).toBe('Xét xử trực tuyến');
  });

  it('returns an unknown id unchanged and recognises only real topics', () => {
    expect(topicLabel('khong-co')).toBe('khong-co');
    expect(isTopic('so-do-tu-duy')).toBe(true);
    expect(isTopic('toString')).toBe(false);
  });
});

describe('other labels', () => {
  it('cover every value of their schemas', () => {
    expect(Object.keys(AUDIENCE_LABELS).sort()).toEqual([...AudienceSchema.options].sort());
    expect(Object.keys(LEVEL_LABELS).sort()).toEqual([...LevelSchema.options].sort());
    expect(Object.keys(FIELD_LABELS).sort()).toEqual([...FieldSchema.options].sort());
    expect(Object.keys(UNIT_KIND_LABELS).sort()).toEqual([...UnitKindSchema.options].sort());
  });
});
