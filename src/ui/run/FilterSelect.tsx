/** One labelled choice among a list's values, or all of them: the filters of the log views. */
export function FilterSelect({
  label,
  value,
  all,
  options,
  onChange,
}: {
  label: string;
  value: string;
  /** The text of the empty choice that filters nothing ("All types"). */
  all: string;
  options: readonly string[];
  onChange: (event: { target: { value: string } }) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={onChange}>
        <option value="">{all}</option>
        {options.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    </label>
  );
}
