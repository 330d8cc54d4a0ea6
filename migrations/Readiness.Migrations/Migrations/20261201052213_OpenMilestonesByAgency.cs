using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class OpenMilestonesByAgency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_milestones_open_by_agency_and_due_date",
                table: "milestones",
                columns: new[] { "delivering_agency_id", "current_due_date" },
                filter: "completed_on IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_milestones_open_by_agency_and_due_date",
                table: "milestones");
        }
    }
}
