export default function RecordNotFound() {
  return (
    <div className="flex flex-col gap-2 py-10 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">No public track record here</h1>
      <p className="text-muted-foreground">The address is wrong, or its owner has not made this record public.</p>
    </div>
  );
}
